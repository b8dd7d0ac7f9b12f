package org.modeconn.engine.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleAccumulator;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.kernels.SharedFirstLayer;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.ParallelPoints;
import org.modeconn.engine.train.TrainingMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures a curve: at each t of an even grid, the network φθ(t) (BatchNorm statistics recomputed over
 * the training data) on the training and test data; the same along the straight line between the
 * curve's ends; and the ensemble of the curve's points.
 */
public final class CurveEvaluator {

    /** The default grid of t. */
    public static final int DEFAULT_POINTS = 61;

    /** The most points of t along a path. */
    public static final int MAX_POINTS = 10_001;

    private CurveEvaluator() {
    }

    /**
     * Checks a number of points of t along a path, before any work is done.
     *
     * @throws InvalidInputException if it is below 2 or above {@link #MAX_POINTS}
     */
    public static void requirePoints(int points) {
        if (points < 2 || points > MAX_POINTS) {
            throw new InvalidInputException("A grid of " + points + " points along the path is out of range.",
                "Give between 2 and " + MAX_POINTS + " points (" + DEFAULT_POINTS + " is the default of Evaluate "
                    + "Curve).");
        }
    }

    /**
     * The profile of the straight line from {@code start} to {@code end} at {@code points} points, measured as a
     * curve's line is (BatchNorm statistics recomputed at each point), one worker per core.
     */
    public static PathProfile line(Network start, Network end, Dataset train, Dataset test, int points,
            TrainingMonitor monitor) {
        return evaluate(CurveModel.line(start, end), train, test, points, ParallelPoints.defaultWorkers(), false,
            monitor).curve();
    }

    /** As {@link #evaluate(CurveModel, Dataset, Dataset, int, int, TrainingMonitor)} with one worker per core. */
    public static CurveEvaluation evaluate(CurveModel curve, Dataset train, Dataset test, int points,
            TrainingMonitor monitor) {
        return evaluate(curve, train, test, points, ParallelPoints.defaultWorkers(), monitor);
    }

    /**
     * @param curve the curve
     * @param train training data: BatchNorm statistics and train figures
     * @param test test data, or null
     * @param points grid size, ≥ 2 (t = 0, 1/(points−1), …, 1)
     * @param workers points evaluated at once, each with its own copy of the network
     * @param monitor progress (one step per point) and cancellation
     */
    public static CurveEvaluation evaluate(CurveModel curve, Dataset train, Dataset test, int points, int workers,
            TrainingMonitor monitor) {
        return evaluate(curve, train, test, points, workers, true, monitor);
    }

    /**
     * As {@link #evaluate(CurveModel, Dataset, Dataset, int, int, TrainingMonitor)}; without the line, its
     * profile is empty and only the curve's points are computed.
     */
    public static CurveEvaluation evaluate(CurveModel curve, Dataset train, Dataset test, int points, int workers,
            boolean withLine, TrainingMonitor monitor) {
        requirePoints(points);
        // the run's context loads ND4J with its backend before the first array is made
        ComputeContext.current();
        Dataset trainAligned = NetworkInputs.align(curve.spec(), train, "training data");
        Dataset testAligned = test == null ? null : NetworkInputs.align(curve.spec(), test, "test data");
        BatchSource trainData = BatchSource.of(trainAligned, curve.scaling());
        BatchSource testData = testAligned == null ? null : BatchSource.of(testAligned, curve.scaling());
        try {
            CurveModel line = new CurveModel(curve.spec(), curve.scaling(), new PolyChainCurve(2),
                new float[][] {curve.bendView(0), curve.bendView(curve.bendCount() - 1)}, true, true, null);

            long started = System.nanoTime();
            // Every point, on the curve and on the line, is a combination of the curve's bends.
            List<float[]> bends = new ArrayList<>();
            for (int i = 0; i < curve.bendCount(); i++) {
                bends.add(curve.bendView(i));
            }
            List<INDArray> data = testData == null ? List.of(trainData.features())
                : List.of(trainData.features(), testData.features());
            Optional<SharedFirstLayer> shared = SharedFirstLayer.of(curve.spec(), bends, data,
                ComputeContext.current().kernels());
            // Points 0 … points−1 lie on the curve, points … 2·points−1 on the line.
            int total = withLine ? 2 * points : points;
            Metrics[] onTrain = new Metrics[total];
            float[][] testProbabilities = new float[total][];
            ParallelPoints.run(total, workers, () -> {
                ExecutableNetwork net = ExecutableNetwork.create(curve.spec());
                return new Worker(net, new BatchNormRecomputer(net));
            }, (worker, k) -> {
                double t = (k % points) / (double) (points - 1);
                if (shared.isPresent()) {
                    worker.net().setCombination(shared.get(), k < points ? curve.curve().coefficients(t)
                        : lineCoefficients(t, curve.bendCount()));
                } else {
                    worker.net().setParameters((k < points ? curve : line).pointAt(t));
                }
                worker.bn().recompute(trainData);
                onTrain[k] = NetworkEvaluator.evaluate(worker.net(), trainData);
                if (testData != null) {
                    testProbabilities[k] = NetworkEvaluator.probabilities(worker.net(), testData);
                }
                return onTrain[k].loss();
            }, monitor, "Curve evaluation");

            // Members are added in t order, so the sums (and the figures) do not depend on the workers.
            EnsembleAccumulator curveEnsemble = testData == null ? null : new EnsembleAccumulator(testData);
            EnsembleAccumulator endsEnsemble = testData == null ? null : new EnsembleAccumulator(testData);
            List<PathPoint> curvePoints = new ArrayList<>();
            List<PathPoint> linePoints = new ArrayList<>();
            for (int k = 0; k < total; k++) {
                Metrics te = null;
                if (testData != null) {
                    boolean onCurve = k < points;
                    boolean end = k == points || k == 2 * points - 1;
                    te = onCurve ? curveEnsemble.add(testProbabilities[k])
                        : end ? endsEnsemble.add(testProbabilities[k])
                            : NetworkEvaluator.metrics(testProbabilities[k], testData.labels(), testData.numClasses());
                    testProbabilities[k] = null;
                }
                PathPoint p = new PathPoint((k % points) / (double) (points - 1), onTrain[k].loss(),
                    onTrain[k].errorPercent(), te == null ? null : te.loss(), te == null ? null : te.errorPercent());
                (k < points ? curvePoints : linePoints).add(p);
            }
            // Lengths over the trainable weights: BatchNorm statistics are recomputed at each point, not walked.
            List<float[]> weights = bends.stream().map(b -> curve.layout().withoutStatistics(b)).toList();
            double[] curveArc = PathLength.arcLengths(weights, t -> curve.curve().coefficients(t), points);
            double[] lineArc = withLine ? PathLength.arcLengths(weights, t -> lineCoefficients(t, curve.bendCount()),
                points) : new double[0];
            double seconds = (System.nanoTime() - started) / 1e9;
            return new CurveEvaluation(new PathProfile("curve", curvePoints, curveArc),
                new PathProfile("line", linePoints, lineArc),
                curveEnsemble == null ? Double.NaN : curveEnsemble.errorPercent(), points,
                endsEnsemble == null || !withLine ? Double.NaN : endsEnsemble.errorPercent(), seconds);
        } finally {
            trainData.close();
            if (testData != null) {
                testData.close();
            }
        }
    }

    /** The straight line between the first and the last bend, as coefficients of all bends. */
    private static double[] lineCoefficients(double t, int bends) {
        double[] c = new double[bends];
        c[0] = 1 - t;
        c[bends - 1] = t;
        return c;
    }

    /** A worker's own network. */
    private record Worker(ExecutableNetwork net, BatchNormRecomputer bn) implements AutoCloseable {
        @Override
        public void close() {
            net.close();
        }
    }
}
