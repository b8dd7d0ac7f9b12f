package org.modeconn.engine.report.view;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.ensemble.IterationRecord;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * An FGE run: the cyclical learning rate and the distance from the start per iteration, and each snapshot's
 * test figures beside those of the ensemble so far and of the average of the weights so far (SWA).
 *
 * @param header title, provenance and notes
 * @param iterations per iteration (at most {@link #MAX_ITERATIONS} of them, snapshots' included)
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

    /** One snapshot (errors in %, null without test data); the SWA error is that of snapshots 1..snapshot averaged. */
    public record Snapshot(@JsonProperty("snapshot") int snapshot, @JsonProperty("iteration") long iteration,
            @JsonProperty("epoch") int epoch, @JsonProperty("learningRate") Double learningRate,
            @JsonProperty("testLoss") Double testLoss, @JsonProperty("testError") Double testError,
            @JsonProperty("ensembleTestLoss") Double ensembleTestLoss,
            @JsonProperty("ensembleTestError") Double ensembleTestError,
            @JsonProperty("swaTestError") Double swaTestError) {
    }

    /**
     * At most this many iterations are sent (a run of the paper's length has thousands): every k-th, the
     * snapshots' and the last, which a chart of a few hundred pixels cannot tell from all of them.
     */
    public static final int MAX_ITERATIONS = 2000;

    /** The figures of {@code run}. */
    public static FgeRunData of(final ViewHeader header, final EnsembleRunResult run) {
        List<IterationRecord> all = run.iterations();
        int stride = Math.max(1, (all.size() + MAX_ITERATIONS - 1) / MAX_ITERATIONS);
        Set<Long> snapshotIterations = new HashSet<>();
        run.snapshots().forEach(s -> snapshotIterations.add(s.iteration()));
        List<IterationRecord> shown = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % stride == 0 || i == all.size() - 1 || snapshotIterations.contains(all.get(i).iteration())) {
                shown.add(all.get(i));
            }
        }
        return new FgeRunData(header,
            shown.stream().map(i -> new Iteration(i.iteration(), ViewNumbers.finite(i.learningRate()),
                ViewNumbers.finite(i.loss()), ViewNumbers.finite(i.distance()))).toList(),
            run.snapshots().stream().map(s -> new Snapshot(s.index(), s.iteration(), s.epoch(),
                ViewNumbers.finite(s.learningRate()), ViewNumbers.finite(s.testLoss()),
                ViewNumbers.finite(s.testErrorPercent()), ViewNumbers.finite(s.ensembleTestLoss()),
                ViewNumbers.finite(s.ensembleTestErrorPercent()), ViewNumbers.finite(s.swaTestErrorPercent()))).toList(),
            run.start() == null ? null : ViewNumbers.finite(run.start().errorPercent()));
    }

    @Override
    public String view() {
        return "fge";
    }
}
