package org.modeconn.engine.io;

import org.modeconn.engine.record.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.record.Provenance;

/**
 * The header fields every model file shares — kind, network spec, feature scaling, provenance — written
 * and read in one place.
 *
 * @param spec the network spec
 * @param scaling the feature scaling
 * @param provenance where the model came from, or null
 */
record ModelHeader(NetworkSpec spec, FeatureScaling scaling, Provenance provenance) {

    /** A new header of {@code kind} holding these fields. */
    ObjectNode write(String kind) {
        ObjectNode h = Json.MAPPER.createObjectNode();
        h.put("kind", kind);
        h.set("spec", Json.MAPPER.valueToTree(spec));
        h.set("scaling", Json.MAPPER.valueToTree(scaling));
        if (provenance != null) {
            h.set("provenance", Json.MAPPER.valueToTree(provenance));
        }
        return h;
    }

    /** Reads the shared fields of a verified container's header; {@code name} names the file in messages. */
    static ModelHeader read(ObjectNode h, String name, String what) {
        try {
            NetworkSpec spec = Json.MAPPER.treeToValue(h.get("spec"), NetworkSpec.class);
            FeatureScaling scaling = Json.MAPPER.treeToValue(h.get("scaling"), FeatureScaling.class);
            Provenance provenance = h.has("provenance")
                ? Json.MAPPER.treeToValue(h.get("provenance"), Provenance.class) : null;
            if (spec == null || scaling == null) {
                throw new InvalidInputException("'" + name + "' lacks its " + what + " description.",
                    "Use a file written by this tool, or produce it again.");
            }
            return new ModelHeader(spec, scaling, provenance);
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("'" + name + "' has a " + what + " description this version cannot read: "
                + e.getMessage(), e, "Use a file written by this tool, or produce it again.");
        }
    }
}
