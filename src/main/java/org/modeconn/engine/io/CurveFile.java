package org.modeconn.engine.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.Curve;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;

/**
 * Curve files ({@code .curve}): a {@link ModelContainer} of kind "curve" whose header holds the spec,
 * scaling, curve family, bend count, which ends were fixed and the provenance, and whose arrays
 * {@code bend0} … {@code bend<n−1>} hold each bend's trainable parameters (BatchNorm statistics are not
 * stored: they are recomputed at every point). Read back bit-exact.
 */
public final class CurveFile {

    /** The container kind. */
    public static final String KIND = "curve";

    private CurveFile() {
    }

    /** Writes {@code curve} atomically. */
    public static void write(CurveModel curve, Path file) {
        toContainer(curve).write(file);
    }

    /** Reads and verifies a curve file. */
    public static CurveModel read(Path file) {
        return fromContainer(ModelContainer.read(file, KIND), file.toString());
    }

    /** The container for a curve. */
    public static ModelContainer toContainer(CurveModel curve) {
        ObjectNode h = new ModelHeader(curve.spec(), curve.scaling(), curve.provenance().orElse(null)).write(KIND);
        h.put("curveType", curve.curve().type().label());
        h.put("bends", curve.bendCount());
        h.put("fixedStart", curve.fixedStart());
        h.put("fixedEnd", curve.fixedEnd());
        ParameterLayout layout = curve.layout();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (int i = 0; i < curve.bendCount(); i++) {
            arrays.put("bend" + i, layout.trainable(curve.bendView(i)));
        }
        return new ModelContainer(h, arrays);
    }

    /** The curve in a verified container. */
    public static CurveModel fromContainer(ModelContainer c, String name) {
        ObjectNode h = c.header();
        ModelHeader header = ModelHeader.read(h, name, "curve");
        NetworkSpec spec = header.spec();
        CurveType type = CurveType.parse(h.path("curveType").asText(""));
        int n = h.path("bends").asInt(-1);
        if (n < 2 || n > 64) {
            throw new InvalidInputException("'" + name + "' lacks a valid curve description.",
                "Use a file written by this tool, or produce it again.");
        }
        ParameterLayout layout = ParameterLayouts.layoutOf(spec);
        float[] zeros = new float[(int) layout.statisticsSize()];
        float[][] bends = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] t = c.array("bend" + i);
            if (t == null || t.length != layout.trainableSize()) {
                throw new InvalidInputException("'" + name + "' has no bend " + i + " of " + layout.trainableSize()
                    + " parameters.", "The file is inconsistent: produce it again.");
            }
            bends[i] = layout.merge(t, zeros);
        }
        return new CurveModel(spec, header.scaling(), Curve.of(type, n), bends, h.path("fixedStart").asBoolean(true),
            h.path("fixedEnd").asBoolean(true), header.provenance());
    }
}
