package org.modeconn.engine.ensemble;

import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.train.EpochPlan;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdOptimizer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSession;

/**
 * Snapshot Ensembles (SSE, Huang et al. 2017), the baseline FGE is measured against: training from
 * scratch with M cycles of cosine annealing with restarts, a snapshot at the end of each cycle.
 */
public final class SnapshotEnsembling {

    private SnapshotEnsembling() {
    }

    /**
     * @param architecture the network
     * @param train training data
     * @param test test data for the per-snapshot figures, or null
     * @param epochs the whole budget in epochs
     * @param cycles M
     * @param sgd base rate α0, momentum, weight decay
     * @param batchSize examples per batch
     * @param seed initial weights, example order and augmentation
     * @param augmentation what is done to training images batch by batch
     * @param monitor progress and cancellation
     */
    public static EnsembleRunResult run(ArchitectureSpec architecture, Dataset train, Dataset test, int epochs,
            int cycles, SgdSettings sgd, int batchSize, long seed, Augmentation augmentation, TrainingMonitor monitor) {
        FeatureScaling scaling = FeatureScaling.fit(train, FeatureScaling.Mode.AUTO);
        NetworkSpec spec = new NetworkSpec(architecture, train.numFeatures(), train.imageShape().orElse(null),
            train.classNames(), train.featureNames());
        LearningRateSchedule.CosineRestarts schedule = new LearningRateSchedule.CosineRestarts(cycles);
        EpochPlan plan = new EpochPlan(batchSize, epochs, seed, schedule, sgd.learningRate(), augmentation);
        try (TrainingSession session = TrainingSession.open(SseSettings.OPERATION, spec, scaling, train, test, plan, monitor)) {
            var net = session.network();
            net.setParameters(net.layout().initialise(seed));
            long total = (long) epochs * session.batchesPerEpoch();
            long cycle = schedule.cycleLength(total);
            SnapshotCollector snapshots = new SnapshotCollector(session, SseSettings.OPERATION,
                b -> b.iteration() % cycle == 0 || b.iteration() == total, false, false)
                .describing(new SseSettings(epochs, cycles, sgd.learningRate(), augmentation), null);
            try (SgdOptimizer optimizer = new SgdOptimizer(sgd, net.layout(), net.parameters(), net.gradients())) {
                session.listen(snapshots).run((batch, lr) -> optimizer.train(net, batch, lr));
            }
            return snapshots.result();
        }
    }
}
