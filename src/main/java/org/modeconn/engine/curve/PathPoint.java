package org.modeconn.engine.curve;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The figures of one point of a path through weight space.
 *
 * @param t the path parameter in [0, 1]
 * @param trainLoss mean cross-entropy on the training data
 * @param trainErrorPercent error on the training data
 * @param testLoss mean cross-entropy on the test data, or null without test data
 * @param testErrorPercent error on the test data, or null without test data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PathPoint(double t, double trainLoss, double trainErrorPercent, Double testLoss,
        Double testErrorPercent) implements java.io.Serializable {
}
