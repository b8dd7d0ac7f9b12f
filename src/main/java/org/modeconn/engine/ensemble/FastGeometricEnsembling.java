package org.modeconn.engine.ensemble;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.EpochPlan;
import org.modeconn.engine.train.SgdOptimizer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSession;

/**
 * Fast Geometric Ensembling (Garipov et al. 2018): from a trained network (a checkpoint's momentum buffer
 * carried over, as the reference does), SGD with a short cyclical learning rate; a snapshot in the middle
 * of each cycle, BatchNorm statistics recomputed; the ensemble is the mean of the snapshots' softmax
 * outputs, evaluated as the snapshots arrive.
 */
public final class FastGeometricEnsembling {

    private FastGeometricEnsembling() {
    }

    /**
     * @param start the network to start from (its momentum buffer is used when present)
     * @param train training data
     * @param test test data for the per-snapshot figures, or null
     * @param settings cycle, rates, epochs
     * @param monitor progress and cancellation
     * @throws org.modeconn.engine.train.TrainingDivergedException at a non-finite loss, carrying the run so far
     *         (an {@link EnsembleRunResult} of the snapshots taken) when it took any
     */
    public static EnsembleRunResult run(Network start, Dataset train, Dataset test, FgeSettings settings,
            TrainingMonitor monitor) {
        EpochPlan plan = settings.plan();
        try (TrainingSession session = TrainingSession.open(EnsembleModel.FGE, start.spec(), start.scaling(), train, test, plan,
                monitor)) {
            int batches = session.batchesPerEpoch();
            if (settings.cycleIterations() > (long) settings.epochs() * batches) {
                throw new InvalidInputException("The FGE cycle of " + settings.cycleIterations() + " iterations is "
                    + "longer than the run's " + (long) settings.epochs() * batches + " iterations, so no snapshot "
                    + "would be taken.", "Give more epochs or a shorter cycle.");
            }
            var net = session.network();
            net.setParameters(start.parametersView());
            Metrics startMetrics = session.evaluateTest();
            SnapshotCollector snapshots = new SnapshotCollector(session, EnsembleModel.FGE,
                b -> settings.snapshotAfterBatch(b.epoch(), b.batch(), b.batchesPerEpoch()), true, true)
                .describing(settings, startMetrics);
            try (SgdOptimizer optimizer = new SgdOptimizer(new SgdSettings(settings.lr1(), settings.momentum(), false,
                settings.weightDecay()), net.layout(), net.parameters(), net.gradients())) {
                start.momentum().ifPresent(optimizer::setVelocity);
                session.listen(snapshots).run((batch, lr) -> optimizer.train(net, batch, lr));
            }
            return snapshots.result();
        }
    }
}
