package org.modeconn.engine.ensemble;

import java.util.List;

import org.modeconn.engine.network.Network;
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
 * @param swa the average of the snapshots' weights with BatchNorm recomputed (SWA; Izmailov et al., 2018), or
 *        null for runs that do not average
 * @param seconds wall-clock seconds of the run
 */
public record EnsembleRunResult(EnsembleModel ensemble, List<SnapshotRecord> snapshots,
        List<IterationRecord> iterations, List<EpochRecord> history, Metrics start, Network swa, double seconds) {

    /** The final weight average's test error (%), or NaN without test data or an average. */
    public double swaTestError() {
        return snapshots.isEmpty() ? Double.NaN : snapshots.get(snapshots.size() - 1).swaTestErrorPercent();
    }

    /** The final ensemble's test error (%), or NaN without test data. */
    public double ensembleTestError() {
        return snapshots.isEmpty() ? Double.NaN : snapshots.get(snapshots.size() - 1).ensembleTestErrorPercent();
    }
}
