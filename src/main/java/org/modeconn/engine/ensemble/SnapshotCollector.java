package org.modeconn.engine.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.RunSettings;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchOutcome;
import org.modeconn.engine.train.TrainingListener;
import org.modeconn.engine.train.TrainingSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Takes an ensemble run's snapshots as its session trains (FGE's in the middle of each cycle, SSE's at the end
 * of each): BatchNorm statistics recomputed, the member kept, its and the ensemble's test figures recorded; and
 * every iteration's rate, loss and distance from the start. On divergence the run so far is kept: its members,
 * their records and the iterations, as an {@link EnsembleRunResult}.
 */
final class SnapshotCollector implements TrainingListener {

    private final TrainingSession session;
    private final String method;
    private final Predicate<BatchOutcome> snapshotAfter;
    private final BatchNormRecomputer batchNorm;
    private final EnsembleAccumulator ensemble;
    private final INDArray origin;
    private final List<float[]> members = new ArrayList<>();
    private final List<SnapshotRecord> snapshots = new ArrayList<>();
    private final List<IterationRecord> iterations = new ArrayList<>();
    private RunSettings settings;
    private Metrics start;

    /**
     * @param session the run whose network is snapshotted
     * @param method "fge" or "sse", the ensemble's kind
     * @param snapshotAfter which batches a snapshot follows
     * @param measureDistance whether to record each iteration's distance from the network at the start
     */
    SnapshotCollector(TrainingSession session, String method, Predicate<BatchOutcome> snapshotAfter,
            boolean measureDistance) {
        this.session = session;
        this.method = method;
        this.snapshotAfter = snapshotAfter;
        this.batchNorm = new BatchNormRecomputer(session.network());
        this.ensemble = session.testData().map(EnsembleAccumulator::new).orElse(null);
        this.origin = measureDistance ? session.network().parameters().dup() : null;
    }

    @Override
    public void onBatch(BatchOutcome batch) {
        ExecutableNetwork net = session.network();
        // one reduction, no temporary: this runs every iteration
        double distance = origin == null ? Double.NaN : Transforms.euclideanDistance(net.parameters(), origin);
        iterations.add(new IterationRecord(batch.iteration(), batch.learningRate(), batch.loss(), distance));
        if (snapshotAfter.test(batch)) {
            long started = System.nanoTime();
            batchNorm.recompute(session.trainData());
            members.add(net.parameterArray());
            Metrics own = ensemble == null ? null : ensemble.add(net);
            Metrics all = ensemble == null ? null : ensemble.metrics();
            snapshots.add(new SnapshotRecord(members.size(), batch.iteration(), batch.epoch() + 1,
                batch.learningRate(), own == null ? Double.NaN : own.loss(), own == null ? Double.NaN : own.errorPercent(),
                all == null ? Double.NaN : all.loss(), all == null ? Double.NaN : all.errorPercent(),
                (System.nanoTime() - started) / 1e9));
        }
    }

    /** What the run's result is to record: its settings for the provenance, the start network's figures. */
    SnapshotCollector describing(RunSettings runSettings, Metrics startMetrics) {
        this.settings = runSettings;
        this.start = startMetrics;
        return this;
    }

    @Override
    public Optional<Object> lastGood() {
        return members.isEmpty() ? Optional.empty() : Optional.of(result());
    }

    /** The ensemble's test figures so far, or null without test data. */
    Metrics ensembleMetrics() {
        return ensemble == null ? null : ensemble.metrics();
    }

    /** What the run produced (so far), with the settings and start figures given to {@link #describing}. */
    EnsembleRunResult result() {
        EnsembleModel model = new EnsembleModel(session.spec(), session.scaling(), method, members,
            session.provenance(settings, null, ensembleMetrics()));
        return new EnsembleRunResult(model, List.copyOf(snapshots), List.copyOf(iterations), session.history(), start,
            session.seconds());
    }
}
