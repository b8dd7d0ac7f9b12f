package org.modeconn.engine.curve;

import java.util.ArrayList;
import java.util.List;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleAccumulator;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.ParallelPoints;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;

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
        return line(start, end, train, test, points, InProcessRunner.perCore(), monitor);
    }

    /**
     * As {@link #line(Network, Network, Dataset, Dataset, int, TrainingMonitor)}, the points computed by
     * {@code runner}.
     */
    public static PathProfile line(Network start, Network end, Dataset train, Dataset test, int points,
            WorkRunner runner, TrainingMonitor monitor) {
        return evaluate(CurveModel.line(start, end), train, test, points, runner, false, monitor).curve();
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
        return evaluate(curve, train, test, points, new InProcessRunner(workers), withLine, monitor);
    }

    /**
     * As {@link #evaluate(CurveModel, Dataset, Dataset, int, int, boolean, TrainingMonitor)}, the points computed
     * where {@code runner} puts them (this process's workers, or a cluster's tasks).
     */
    public static CurveEvaluation evaluate(CurveModel curve, Dataset train, Dataset test, int points,
            WorkRunner runner, boolean withLine, TrainingMonitor monitor) {
        requirePoints(points);
        // the run's context loads ND4J with its backend before the first array is made
        ComputeContext.current();
        Dataset trainAligned = NetworkInputs.align(curve.spec(), train, "training data");
        Dataset testAligned = test == null ? null : NetworkInputs.align(curve.spec(), test, "test data");
        long started = System.nanoTime();
        List<PathPoints.Point> computed = runner.run(new PathPoints(curve, points, withLine, trainAligned,
            testAligned), monitor);
        int total = computed.size();
        int[] labels = testAligned == null ? null : testAligned.labels();
        int classes = testAligned == null ? 0 : testAligned.numClasses();
        // Members are added in t order, so the sums (and the figures) do not depend on where points were computed.
        EnsembleAccumulator curveEnsemble = testAligned == null ? null : new EnsembleAccumulator(labels, classes);
        EnsembleAccumulator endsEnsemble = testAligned == null ? null : new EnsembleAccumulator(labels, classes);
        List<PathPoint> curvePoints = new ArrayList<>();
        List<PathPoint> linePoints = new ArrayList<>();
        for (int k = 0; k < total; k++) {
            PathPoints.Point point = computed.get(k);
            Metrics te = null;
            if (testAligned != null) {
                boolean onCurve = k < points;
                boolean end = k == points || k == 2 * points - 1;
                float[] p = point.testProbabilities();
                te = onCurve ? curveEnsemble.add(p) : end ? endsEnsemble.add(p)
                    : NetworkEvaluator.metrics(p, labels, classes);
            }
            computed.set(k, null);
            PathPoint p = new PathPoint((k % points) / (double) (points - 1), point.trainLoss(), point.trainError(),
                te == null ? null : te.loss(), te == null ? null : te.errorPercent());
            (k < points ? curvePoints : linePoints).add(p);
        }
        // Lengths over the trainable weights: BatchNorm statistics are recomputed at each point, not walked.
        List<float[]> weights = new ArrayList<>();
        for (int i = 0; i < curve.bendCount(); i++) {
            weights.add(curve.layout().withoutStatistics(curve.bendView(i)));
        }
        double[] curveArc = PathLength.arcLengths(weights, t -> curve.curve().coefficients(t), points);
        double[] lineArc = withLine ? PathLength.arcLengths(weights,
            t -> PathPoints.lineCoefficients(t, curve.bendCount()), points) : new double[0];
        double seconds = (System.nanoTime() - started) / 1e9;
        return new CurveEvaluation(new PathProfile("curve", curvePoints, curveArc),
            new PathProfile("line", linePoints, lineArc),
            curveEnsemble == null ? Double.NaN : curveEnsemble.errorPercent(), points,
            endsEnsemble == null || !withLine ? Double.NaN : endsEnsemble.errorPercent(), seconds);
    }

}
