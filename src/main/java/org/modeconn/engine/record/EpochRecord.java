package org.modeconn.engine.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a training history: the figures of one epoch.
 *
 * @param epoch 1-based epoch number
 * @param learningRate the rate at the epoch's first batch
 * @param trainLoss mean loss over the epoch's batches (as they were trained on)
 * @param trainErrorPercent error over the epoch's batches
 * @param testLoss loss on the test set after the epoch, or NaN without a test set
 * @param testErrorPercent error on the test set after the epoch, or NaN without a test set
 * @param seconds wall-clock seconds of the epoch's training (the test evaluation excluded)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochRecord(@JsonProperty("epoch") int epoch, @JsonProperty("learningRate") double learningRate,
        @JsonProperty("trainLoss") double trainLoss, @JsonProperty("trainErrorPercent") double trainErrorPercent,
        @JsonProperty("testLoss") Double testLoss, @JsonProperty("testErrorPercent") Double testErrorPercent,
        @JsonProperty("seconds") double seconds) {

    /** Whether the epoch was evaluated on a test set. */
    public boolean hasTest() {
        return testLoss != null && !testLoss.isNaN();
    }
}
