package org.modeconn.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.Curve;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.record.Provenance;

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
        ObjectNode h = Json.MAPPER.createObjectNode();
        h.put("kind", KIND);
        h.set("spec", Json.MAPPER.valueToTree(curve.spec()));
        h.set("scaling", Json.MAPPER.valueToTree(curve.scaling()));
        h.put("curveType", curve.curve().type().label());
        h.put("bends", curve.bendCount());
        h.put("fixedStart", curve.fixedStart());
        h.put("fixedEnd", curve.fixedEnd());
        curve.provenance().ifPresent(p -> h.set("provenance", Json.MAPPER.valueToTree(p)));
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
        NetworkSpec spec;
        FeatureScaling scaling;
        Provenance provenance;
        CurveType type;
        try {
            spec = Json.MAPPER.treeToValue(h.get("spec"), NetworkSpec.class);
            scaling = Json.MAPPER.treeToValue(h.get("scaling"), FeatureScaling.class);
            provenance = h.has("provenance") ? Json.MAPPER.treeToValue(h.get("provenance"), Provenance.class) : null;
            type = CurveType.parse(h.path("curveType").asText(""));
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("'" + name + "' has a curve description this version cannot read: "
                + e.getMessage(), e, "Use a file written by this tool, or produce it again.");
        }
        int n = h.path("bends").asInt(-1);
        if (spec == null || scaling == null || n < 2 || n > 64) {
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
        return new CurveModel(spec, scaling, Curve.of(type, n), bends, h.path("fixedStart").asBoolean(true),
            h.path("fixedEnd").asBoolean(true), provenance);
    }
}
