package org.modeconn.engine.report.view;

import java.util.List;

import org.modeconn.engine.ensemble.EnsembleRunResult;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * An FGE run: the cyclical learning rate and the distance from the start per iteration, and each snapshot's
 * test figures beside those of the ensemble so far.
 *
 * @param header title, provenance and notes
 * @param iterations one entry per iteration
 * @param snapshots one entry per snapshot
 * @param startTestError the start network's test error (%), or null
 */
public record FgeRunData(@JsonUnwrapped ViewHeader header, @JsonProperty("iterations") List<Iteration> iterations,
        @JsonProperty("snapshots") List<Snapshot> snapshots, @JsonProperty("startTestError") Double startTestError)
        implements ViewData {

    /** One iteration (batch). */
    public record Iteration(@JsonProperty("iteration") long iteration,
            @JsonProperty("learningRate") Double learningRate, @JsonProperty("loss") Double loss,
            @JsonProperty("distance") Double distance) {
    }

    /** One snapshot (errors in %, null without test data). */
    public record Snapshot(@JsonProperty("snapshot") int snapshot, @JsonProperty("iteration") long iteration,
            @JsonProperty("epoch") int epoch, @JsonProperty("learningRate") Double learningRate,
            @JsonProperty("testLoss") Double testLoss, @JsonProperty("testError") Double testError,
            @JsonProperty("ensembleTestLoss") Double ensembleTestLoss,
            @JsonProperty("ensembleTestError") Double ensembleTestError) {
    }

    /** The figures of {@code run}. */
    public static FgeRunData of(final ViewHeader header, final EnsembleRunResult run) {
        return new FgeRunData(header,
            run.iterations().stream().map(i -> new Iteration(i.iteration(), ViewNumbers.finite(i.learningRate()),
                ViewNumbers.finite(i.loss()), ViewNumbers.finite(i.distance()))).toList(),
            run.snapshots().stream().map(s -> new Snapshot(s.index(), s.iteration(), s.epoch(),
                ViewNumbers.finite(s.learningRate()), ViewNumbers.finite(s.testLoss()),
                ViewNumbers.finite(s.testErrorPercent()), ViewNumbers.finite(s.ensembleTestLoss()),
                ViewNumbers.finite(s.ensembleTestErrorPercent()))).toList(),
            run.start() == null ? null : ViewNumbers.finite(run.start().errorPercent()));
    }

    @Override
    public String view() {
        return "fge";
    }
}
