package org.modeconn.engine.report.view;

import java.util.List;

import org.modeconn.engine.record.EpochRecord;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Learning curves of a training run (an endpoint, or a curve's fit): loss and error per epoch.
 *
 * @param header title, provenance and notes
 * @param epochs one entry per epoch
 */
public record LearningCurvesData(@JsonUnwrapped ViewHeader header, @JsonProperty("epochs") List<Epoch> epochs)
        implements ViewData {

    /** One epoch's figures (errors in %, null where missing). */
    public record Epoch(@JsonProperty("epoch") int epoch, @JsonProperty("learningRate") Double learningRate,
            @JsonProperty("trainLoss") Double trainLoss, @JsonProperty("trainError") Double trainError,
            @JsonProperty("testLoss") Double testLoss, @JsonProperty("testError") Double testError,
            @JsonProperty("seconds") Double seconds) {
    }

    /** The curves of {@code history}. */
    public static LearningCurvesData of(final ViewHeader header, final List<EpochRecord> history) {
        return new LearningCurvesData(header, history.stream().map(e -> new Epoch(e.epoch(),
            ViewNumbers.finite(e.learningRate()), ViewNumbers.finite(e.trainLoss()),
            ViewNumbers.finite(e.trainErrorPercent()), ViewNumbers.finite(e.testLoss()),
            ViewNumbers.finite(e.testErrorPercent()), ViewNumbers.finite(e.seconds()))).toList());
    }

    @Override
    public String view() {
        return "learning-curves";
    }
}
