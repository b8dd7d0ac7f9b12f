package org.modeconn.engine.curve;

import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * Measures a curve: at each t of an even grid, the network φθ(t) (BatchNorm statistics recomputed over
 * the training data) on the training and test data; the same along the straight line between the
 * curve's ends; and the ensemble of the curve's points.
 */
public final class CurveEvaluator {

    /** The default grid of t. */
    public static final int DEFAULT_POINTS = 61;

    private CurveEvaluator() {
    }

    /**
     * @param curve the curve
     * @param train training data: BatchNorm statistics and train figures
     * @param test test data, or null
     * @param points grid size, ≥ 2 (t = 0, 1/(points−1), …, 1)
     * @param monitor progress (one step per point) and cancellation
     */
    public static CurveEvaluation evaluate(CurveModel curve, Dataset train, Dataset test, int points,
            TrainingMonitor monitor) {
        if (points < 2 || points > 10_001) {
            throw new InvalidInputException("A grid of " + points + " points along the curve is out of range.",
                "Give between 2 and 10001 points (61 is the default).");
        }
        ComputeBackend.initialise();
        Dataset trainAligned = NetworkInputs.align(curve.spec(), train, "training data");
        Dataset testAligned = test == null ? null : NetworkInputs.align(curve.spec(), test, "test data");
        BatchSource trainData = BatchSource.of(trainAligned, curve.scaling());
        BatchSource testData = testAligned == null ? null : BatchSource.of(testAligned, curve.scaling());
        Dl4jNetwork net = Dl4jNetwork.create(curve.spec());
        BatchNormRecomputer bn = new BatchNormRecomputer(net);
        CurveModel line = new CurveModel(curve.spec(), curve.scaling(), new PolyChainCurve(2),
            new float[][] {curve.bendView(0), curve.bendView(curve.bendCount() - 1)}, true, true, null);

        long started = System.nanoTime();
        int total = 2 * points;
        int[] done = {0};
        EnsembleAccumulator curveEnsemble = testData == null ? null : new EnsembleAccumulator(testData);
        EnsembleAccumulator endsEnsemble = testData == null ? null : new EnsembleAccumulator(testData);
        List<PathPoint> curvePoints = new ArrayList<>();
        List<PathPoint> linePoints = new ArrayList<>();
        for (int k = 0; k < points; k++) {
            double t = k / (double) (points - 1);
            curvePoints.add(point(net, bn, curve, t, trainData, testData, curveEnsemble, monitor, done, total));
        }
        for (int k = 0; k < points; k++) {
            double t = k / (double) (points - 1);
            boolean end = k == 0 || k == points - 1;
            linePoints.add(point(net, bn, line, t, trainData, testData, end ? endsEnsemble : null, monitor, done,
                total));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new CurveEvaluation(new PathProfile("curve", curvePoints), new PathProfile("line", linePoints),
            curveEnsemble == null ? Double.NaN : curveEnsemble.errorPercent(), points,
            endsEnsemble == null ? Double.NaN : endsEnsemble.errorPercent(), seconds);
    }

    private static PathPoint point(Dl4jNetwork net, BatchNormRecomputer bn, CurveModel path, double t,
            BatchSource train, BatchSource test, EnsembleAccumulator ensemble, TrainingMonitor monitor, int[] done,
            int total) {
        if (monitor.isCancelled()) {
            throw new OperationCancelledException("Evaluation cancelled at t = " + t + ".");
        }
        net.setParameters(path.pointAt(t));
        bn.recompute(train);
        Metrics onTrain = NetworkEvaluator.evaluate(net, train);
        Metrics onTest = null;
        if (test != null) {
            onTest = ensemble == null ? NetworkEvaluator.evaluate(net, test) : ensemble.add(net);
        }
        done[0]++;
        monitor.onBatch(done[0] / (double) total, 1, done[0], onTrain.loss(), 0);
        return new PathPoint(t, onTrain.loss(), onTrain.errorPercent(), onTest == null ? null : onTest.loss(),
            onTest == null ? null : onTest.errorPercent());
    }
}
