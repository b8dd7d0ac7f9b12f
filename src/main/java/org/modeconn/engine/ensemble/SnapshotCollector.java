package org.modeconn.engine.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.RunSettings;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchOutcome;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.TrainingListener;
import org.modeconn.engine.train.TrainingSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Takes an ensemble run's snapshots as its session trains (FGE's in the middle of each cycle, SSE's at the end
 * of each): BatchNorm statistics recomputed, the member kept, its and the ensemble's test figures recorded; and
 * every iteration's rate, loss and distance from the start; and, for FGE, the running average of the snapshots'
 * weights (SWA) with its BatchNorm statistics recomputed and its test figures. On divergence the run so far is
 * kept: its members, their records, the average and the iterations, as an {@link EnsembleRunResult}.
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
    private final boolean averageWeights;
    private double[] weightSum;
    private float[] averaged;
    private Metrics averagedMetrics;
    private RunSettings settings;
    private Metrics start;

    /**
     * @param session the run whose network is snapshotted
     * @param method "fge" or "sse", the ensemble's kind
     * @param snapshotAfter which batches a snapshot follows
     * @param measureDistance whether to record each iteration's distance from the network at the start
     * @param averageWeights whether to keep the average of the snapshots' weights (SWA)
     */
    SnapshotCollector(TrainingSession session, String method, Predicate<BatchOutcome> snapshotAfter,
            boolean measureDistance, boolean averageWeights) {
        this.averageWeights = averageWeights;
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
            Metrics swa = averageWeights ? average(net) : null;
            snapshots.add(new SnapshotRecord(members.size(), batch.iteration(), batch.epoch() + 1,
                batch.learningRate(), own == null ? Double.NaN : own.loss(), own == null ? Double.NaN : own.errorPercent(),
                all == null ? Double.NaN : all.loss(), all == null ? Double.NaN : all.errorPercent(),
                swa == null ? Double.NaN : swa.loss(), swa == null ? Double.NaN : swa.errorPercent(),
                (System.nanoTime() - started) / 1e9));
        }
    }

    /**
     * Adds the newest snapshot to the weight average and measures the average: its weights put into the
     * training network, BatchNorm recomputed, the test data evaluated, and the snapshot put back exactly, so
     * that training goes on from where it was.
     */
    private Metrics average(final ExecutableNetwork net) {
        float[] member = members.get(members.size() - 1);
        if (weightSum == null) {
            weightSum = new double[member.length];
        }
        float[] mean = new float[member.length];
        for (int i = 0; i < member.length; i++) {
            weightSum[i] += member[i];
            mean[i] = (float)(weightSum[i] / members.size());
        }
        net.setParameters(mean);
        batchNorm.recompute(session.trainData());
        averaged = net.parameterArray();
        averagedMetrics = session.testData().map(t -> NetworkEvaluator.evaluate(net, t)).orElse(null);
        net.setParameters(member);
        return averagedMetrics;
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
        Network swa = averaged == null ? null : new Network(session.spec(), session.scaling(), averaged.clone(), null,
            session.provenance(settings, null, averagedMetrics));
        return new EnsembleRunResult(model, List.copyOf(snapshots), List.copyOf(iterations), session.history(), start,
            swa,
            session.seconds());
    }
}
