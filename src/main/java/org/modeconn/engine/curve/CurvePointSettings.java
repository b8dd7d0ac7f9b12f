package org.modeconn.engine.curve;

import org.modeconn.engine.record.RunSettings;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the provenance of a network taken from a curve records: where on which curve.
 *
 * @param t the curve parameter, in [0, 1]
 * @param curve the curve type's label ("bezier", "polychain")
 * @param bends the curve's bends, ends included
 */
@RunSettings.Of(CurvePointSettings.OPERATION)
public record CurvePointSettings(@JsonProperty("t") double t, @JsonProperty("curve") String curve,
        @JsonProperty("bends") int bends) implements RunSettings {

    /** The operation, as provenance names it. */
    public static final String OPERATION = "curve-point";
}
