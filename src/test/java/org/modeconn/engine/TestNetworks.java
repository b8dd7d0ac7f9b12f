package org.modeconn.engine;

import java.util.List;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.Provenance;

/** Small networks with every field set, for file and port tests: 16 inputs (1×4×4), three classes. */
public final class TestNetworks {

    private TestNetworks() {
    }

    /** A network of {@code arch} with seeded weights, provenance and, if asked, a momentum buffer. */
    public static Network sample(String arch, boolean withMomentum) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), 16, new ImageShape(1, 4, 4),
            List.of("cat", "dog", "emu"));
        float[] p = ParameterLayouts.layoutOf(spec).initialise(9);
        p[0] = Float.MIN_VALUE; // subnormals and signed zeros must survive too
        p[1] = -0f;
        float[] m = null;
        if (withMomentum) {
            m = new float[p.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = i * 1e-3f;
            }
        }
        Provenance prov = new Provenance("train-endpoint", "2026-11-26T00:00:00Z", "0.1.0", "CPU", "train", null,
            Json.MAPPER.createObjectNode().put("lr", 0.05), 7, 2,
            List.of(new EpochRecord(1, 0.05, 1.2, 30, 0.8, 20.0, 1.5), new EpochRecord(2, 0.05, 0.5, 10, null, null,
                1.4)), new Metrics(0.4, 9.5, 100), null);
        return new Network(spec, FeatureScaling.pixels(16), p, m, prov);
    }

}
