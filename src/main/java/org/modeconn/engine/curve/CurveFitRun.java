package org.modeconn.engine.curve;

import org.modeconn.engine.record.Json;
import org.modeconn.engine.record.RunSettings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a curve fit's provenance records: its settings and the fingerprints of the two endpoints' weights, so
 * that which networks a curve joins can be checked from the file. Stored as one flat object (the settings'
 * fields beside the two fingerprints), as files have held it from the start.
 *
 * @param fit the fit's settings
 * @param startWeightsSha256 SHA-256 of the start network's weights
 * @param endWeightsSha256 SHA-256 of the end network's weights
 */
@RunSettings.Of(CurveFitRun.OPERATION)
public record CurveFitRun(CurveFitSettings fit, String startWeightsSha256, String endWeightsSha256)
        implements RunSettings {

    /** The operation, as provenance names it. */
    public static final String OPERATION = "fit-curve";

    private static final String START = "startWeightsSha256";

    private static final String END = "endWeightsSha256";

    /** The stored form: the settings' fields and the two fingerprints. */
    @JsonValue
    ObjectNode stored() {
        ObjectNode node = Json.MAPPER.valueToTree(fit);
        node.put(START, startWeightsSha256);
        node.put(END, endWeightsSha256);
        return node;
    }

    /** Reads the stored form. */
    @JsonCreator
    static CurveFitRun read(final JsonNode node) throws JsonProcessingException {
        return new CurveFitRun(Json.MAPPER.treeToValue(node, CurveFitSettings.class), node.path(START).asText(null),
            node.path(END).asText(null));
    }
}
