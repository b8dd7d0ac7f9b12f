package org.modeconn.engine.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;

/**
 * Ensemble files ({@code .ens}): a {@link ModelContainer} of kind "ensemble" whose header holds the spec,
 * scaling, method and member count, and whose arrays {@code member0} … hold each member's flat
 * parameters (BatchNorm statistics included: members are complete networks).
 */
public final class EnsembleFile {

    /** The container kind. */
    public static final String KIND = "ensemble";

    private EnsembleFile() {
    }

    /** Writes {@code ensemble} atomically. */
    public static void write(EnsembleModel ensemble, Path file) {
        toContainer(ensemble).write(file);
    }

    /** Reads and verifies an ensemble file. */
    public static EnsembleModel read(Path file) {
        return fromContainer(ModelContainer.read(file, KIND), file.toString());
    }

    /** The container for an ensemble. */
    public static ModelContainer toContainer(EnsembleModel e) {
        ObjectNode h = new ModelHeader(e.spec(), e.scaling(), e.provenance().orElse(null)).write(KIND);
        h.put("method", e.method());
        h.put("members", e.size());
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (int i = 0; i < e.size(); i++) {
            arrays.put("member" + i, e.memberView(i));
        }
        return new ModelContainer(h, arrays);
    }

    /** The ensemble in a verified container. */
    public static EnsembleModel fromContainer(ModelContainer c, String name) {
        ObjectNode h = c.header();
        ModelHeader header = ModelHeader.read(h, name, "ensemble");
        ParameterLayout layout = ParameterLayouts.layoutOf(header.spec());
        int n = h.path("members").asInt(-1);
        if (n < 1) {
            throw new InvalidInputException("'" + name + "' declares no members.",
                "The file is inconsistent: produce it again.");
        }
        List<float[]> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] m = c.array("member" + i);
            if (m == null || m.length != layout.size()) {
                throw new InvalidInputException("'" + name + "' has no member " + i + " of " + layout.size()
                    + " parameters.", "The file is inconsistent: produce it again.");
            }
            members.add(m);
        }
        return new EnsembleModel(header.spec(), header.scaling(), h.path("method").asText("fge"), members,
            header.provenance());
    }
}
