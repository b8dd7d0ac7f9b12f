package org.modeconn.engine.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.record.Fingerprint;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Network files ({@code .net}): a {@link ModelContainer} of kind "network" whose header holds the spec,
 * the feature scaling and the provenance, and whose arrays are the trainable parameters, the BatchNorm
 * statistics and, for checkpoints, the momentum buffer (in flat order). Read back bit-exact.
 */
public final class NetworkFile {

    /** The container kind. */
    public static final String KIND = "network";

    private NetworkFile() {
    }

    /** Writes {@code network} to {@code file} atomically. */
    public static void write(Network network, Path file) {
        toContainer(network).write(file);
    }

    /** Reads a network file, verifying its checksum and that its arrays fit its architecture. */
    public static Network read(Path file) {
        return fromContainer(ModelContainer.read(file, KIND), file.toString());
    }

    /** The container for a network (shared with port objects that embed one). */
    public static ModelContainer toContainer(Network network) {
        ObjectNode h = new ModelHeader(network.spec(), network.scaling(), network.provenance().orElse(null))
            .write(KIND);
        h.put("weightsSha256", weightsSha256(network));
        ParameterLayout layout = network.layout();
        Map<String, float[]> arrays = new LinkedHashMap<>();
        arrays.put("trainable", layout.trainable(network.parametersView()));
        arrays.put("statistics", layout.statistics(network.parametersView()));
        network.momentum().ifPresent(m -> arrays.put("momentum", m));
        return new ModelContainer(h, arrays);
    }

    /** The network in a verified container. */
    public static Network fromContainer(ModelContainer c, String name) {
        ModelHeader header = ModelHeader.read(c.header(), name, "network");
        NetworkSpec spec = header.spec();
        ParameterLayout layout = ParameterLayouts.layoutOf(spec);
        float[] trainable = c.array("trainable");
        float[] statistics = c.array("statistics");
        if (trainable == null || statistics == null || trainable.length != layout.trainableSize()
            || statistics.length != layout.statisticsSize()) {
            throw new InvalidInputException("'" + name + "' holds " + (trainable == null ? 0 : trainable.length)
                + " parameters, but its architecture " + spec.architecture().describe() + " has "
                + layout.trainableSize() + ".", "The file is inconsistent: produce it again.");
        }
        float[] momentum = c.array("momentum");
        if (momentum != null && momentum.length != layout.size()) {
            throw new InvalidInputException("'" + name + "' has a momentum buffer of the wrong size.",
                "The file is inconsistent: produce it again.");
        }
        return new Network(spec, header.scaling(), layout.merge(trainable, statistics), momentum, header.provenance());
    }

    /** SHA-256 (hex) of the parameters' float32 bytes: equal hashes mean bit-identical weights. */
    public static String weightsSha256(Network network) {
        return sha256(network.parametersView());
    }

    /** SHA-256 (hex) of a float array's little-endian bytes. */
    public static String sha256(float[] values) {
        return Fingerprint.sha256(values);
    }
}
