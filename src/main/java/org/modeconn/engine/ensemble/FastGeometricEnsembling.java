package org.modeconn.engine.ensemble;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.Provenance;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.EpochLoop;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.SgdOptimizer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingDivergedException;
import org.modeconn.engine.train.TrainingMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
     */
    public static EnsembleRunResult run(Network start, Dataset train, Dataset test, FgeSettings settings,
            TrainingMonitor monitor) {
        String backend = ComputeBackend.initialise().describe();
        BatchSource trainData = BatchSource.of(NetworkInputs.align(start.spec(), train, "training data"),
            start.scaling());
        BatchSource testData = test == null ? null
            : BatchSource.of(NetworkInputs.align(start.spec(), test, "test data"), start.scaling());
        int batches = trainData.batchesPerEpoch(settings.batchSize());
        if (settings.cycleIterations() > (long) settings.epochs() * batches) {
            throw new InvalidInputException("The FGE cycle of " + settings.cycleIterations() + " iterations is longer "
                + "than the run's " + (long) settings.epochs() * batches + " iterations, so no snapshot would be taken.",
                "Give more epochs or a shorter cycle.");
        }
        try (Dl4jNetwork net = Dl4jNetwork.of(start)) {
            Metrics startMetrics = testData == null ? null : NetworkEvaluator.evaluate(net, testData);
            SgdOptimizer optimizer = new SgdOptimizer(new SgdSettings(settings.lr1(), settings.momentum(), false,
                settings.weightDecay()), net.layout(), net.parameters(), net.gradients());
            start.momentum().ifPresent(optimizer::setVelocity);
            BatchNormRecomputer bn = new BatchNormRecomputer(net);
            EnsembleAccumulator ensemble = testData == null ? null : new EnsembleAccumulator(testData);
            INDArray origin = net.parameters().dup();

            List<float[]> members = new ArrayList<>();
            List<SnapshotRecord> snapshots = new ArrayList<>();
            List<IterationRecord> iterations = new ArrayList<>();
            List<EpochRecord> history = new ArrayList<>();
            EpochLoop loop = new EpochLoop(trainData, settings.batchSize(), settings.epochs(), settings.seed(),
                settings.schedule(), settings.lr1(), monitor);
            long started = System.nanoTime();
            try {
                loop.run((batch, lr, epoch, b) -> {
                    var r = optimizer.train(net, batch, lr);
                    if (!Double.isFinite(r.loss())) {
                        return r;
                    }
                    long iteration = (long) epoch * batches + b + 1;
                    // one reduction, no temporary: this runs every iteration
                    double distance = Transforms.euclideanDistance(net.parameters(), origin);
                    iterations.add(new IterationRecord(iteration, lr, r.loss(), distance));
                    if (settings.snapshotAfterBatch(epoch, b, batches)) {
                        snapshots.add(snapshot(net, bn, trainData, ensemble, members, iteration, epoch + 1, lr));
                    }
                    return r;
                }, (epoch, lr, trainLoss, trainError, seconds) -> {
                    EpochRecord record = new EpochRecord(epoch, lr, trainLoss, trainError, null, null, seconds);
                    history.add(record);
                    return record;
                });
            } catch (TrainingDivergedException e) {
                throw e.withLastGood(members.isEmpty() ? null
                    : new EnsembleModel(start.spec(), start.scaling(), "fge", members, null));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Provenance provenance = new Provenance("fge", Instant.now().toString(), ToolVersion.VERSION, backend,
                train.toString(), test == null ? null : test.toString(), Json.MAPPER.valueToTree(settings),
                settings.seed(), settings.epochs(), history, null,
                ensemble == null ? null : ensemble.metrics());
            EnsembleModel model = new EnsembleModel(start.spec(), start.scaling(), "fge", members, provenance);
            return new EnsembleRunResult(model, List.copyOf(snapshots), List.copyOf(iterations), List.copyOf(history),
                startMetrics, seconds);
        }
    }

    /**
     * Takes a snapshot: BatchNorm statistics recomputed (in place: they play no part in training-mode
     * steps), the member kept, its predictions added to the ensemble.
     */
    static SnapshotRecord snapshot(Dl4jNetwork net, BatchNormRecomputer bn, BatchSource train,
            EnsembleAccumulator ensemble, List<float[]> members, long iteration, int epoch, double lr) {
        bn.recompute(train);
        members.add(net.parameterArray());
        if (ensemble == null) {
            return new SnapshotRecord(members.size(), iteration, epoch, lr, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN);
        }
        Metrics own = ensemble.add(net);
        Metrics all = ensemble.metrics();
        return new SnapshotRecord(members.size(), iteration, epoch, lr, own.loss(), own.errorPercent(), all.loss(),
            all.errorPercent());
    }
}
