package org.modeconn.engine.ensemble;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Provenance;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.EpochLoop;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdOptimizer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;

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
     * @param seed initial weights and example order
     * @param monitor progress and cancellation
     */
    public static EnsembleRunResult run(ArchitectureSpec architecture, Dataset train, Dataset test, int epochs,
            int cycles, SgdSettings sgd, int batchSize, long seed, TrainingMonitor monitor) {
        String backend = ComputeBackend.initialise().describe();
        FeatureScaling scaling = FeatureScaling.fit(train, FeatureScaling.Mode.AUTO);
        NetworkSpec spec = new NetworkSpec(architecture, train.numFeatures(), train.imageShape().orElse(null),
            train.classNames());
        BatchSource trainData = BatchSource.of(train, scaling);
        BatchSource testData = test == null ? null : BatchSource.of(NetworkInputs.align(spec, test, "test data"),
            scaling);
        try (Dl4jNetwork net = Dl4jNetwork.create(spec)) {
            net.setParameters(net.layout().initialise(seed));
            SgdOptimizer optimizer = new SgdOptimizer(sgd, net.layout(), net.parameters(), net.gradients());
            BatchNormRecomputer bn = new BatchNormRecomputer(net);
            EnsembleAccumulator ensemble = testData == null ? null : new EnsembleAccumulator(testData);
            LearningRateSchedule.CosineRestarts schedule = new LearningRateSchedule.CosineRestarts(cycles);
            int batches = trainData.batchesPerEpoch(batchSize);
            long total = (long) epochs * batches;
            long cycle = schedule.cycleLength(total);

            List<float[]> members = new ArrayList<>();
            List<SnapshotRecord> snapshots = new ArrayList<>();
            List<IterationRecord> iterations = new ArrayList<>();
            List<EpochRecord> history = new ArrayList<>();
            EpochLoop loop = new EpochLoop(trainData, batchSize, epochs, seed, schedule, sgd.learningRate(), monitor);
            long started = System.nanoTime();
            loop.run((batch, lr, epoch, b) -> {
                var r = optimizer.train(net, batch, lr);
                if (!Double.isFinite(r.loss())) {
                    return r;
                }
                long iteration = (long) epoch * batches + b + 1;
                iterations.add(new IterationRecord(iteration, lr, r.loss(), Double.NaN));
                if (iteration % cycle == 0 || iteration == total) {
                    snapshots.add(FastGeometricEnsembling.snapshot(net, bn, trainData, ensemble, members, iteration,
                        epoch + 1, lr));
                }
                return r;
            }, (epoch, lr, trainLoss, trainError, seconds) -> {
                EpochRecord record = new EpochRecord(epoch, lr, trainLoss, trainError, null, null, seconds);
                history.add(record);
                return record;
            });
            double seconds = (System.nanoTime() - started) / 1e9;
            Provenance provenance = new Provenance("sse", Instant.now().toString(), ToolVersion.VERSION, backend,
                train.toString(), test == null ? null : test.toString(),
                Json.MAPPER.createObjectNode().put("epochs", epochs).put("cycles", cycles).put("lr", sgd.learningRate()),
                seed, epochs, history, null, ensemble == null ? null : ensemble.metrics());
            EnsembleModel model = new EnsembleModel(spec, scaling, "sse", members, provenance);
            return new EnsembleRunResult(model, List.copyOf(snapshots), List.copyOf(iterations), List.copyOf(history),
                null, seconds);
        }
    }
}
