package org.modeconn.engine.ensemble;

import java.util.List;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Metrics;

/**
 * What an ensemble run (FGE or snapshot ensembling) produced.
 *
 * @param ensemble the snapshots as an ensemble
 * @param snapshots per snapshot: its own and the ensemble's test figures
 * @param iterations per iteration: learning rate, loss, distance from the start
 * @param history per epoch
 * @param start the start network's test figures (null without test data or for runs from scratch)
 * @param seconds wall-clock seconds of the run
 */
public record EnsembleRunResult(EnsembleModel ensemble, List<SnapshotRecord> snapshots,
        List<IterationRecord> iterations, List<EpochRecord> history, Metrics start, double seconds) {

    /** The final ensemble's test error (%), or NaN without test data. */
    public double ensembleTestError() {
        return snapshots.isEmpty() ? Double.NaN : snapshots.get(snapshots.size() - 1).ensembleTestErrorPercent();
    }
}
