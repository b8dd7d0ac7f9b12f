package org.modeconn.engine.curve;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.PointEvaluation;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.IndependentWork;
import org.modeconn.engine.work.WorkPayload;

/**
 * The points of a curve's evaluation as independent work: points 0 … n−1 at t = k / (n−1) on the curve, and where the
 * line is asked for, points n … 2n−1 on the straight line between its ends; at each, the network there with its
 * BatchNorm statistics recomputed on the training data, its train loss and error, and its probabilities on the test
 * data (which the driver ensembles in t order).
 */
final class PathPoints
        implements IndependentWork<PointEvaluation.Data, PointEvaluation.Worker, PathPoints.Point> {

    private static final long serialVersionUID = 1L;

    private final transient CurveModel curve;
    private final transient int points;
    private final transient boolean withLine;
    private final transient Dataset train;
    private final transient Dataset test;
    private final transient CurveModel line;

    /**
     * One point's figures.
     *
     * @param trainLoss the train loss
     * @param trainError the train error in %
     * @param testProbabilities the test data's class probabilities, row by row, or null without test data
     */
    record Point(double trainLoss, double trainError, float[] testProbabilities) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    PathPoints(CurveModel curve, int points, boolean withLine, Dataset train, Dataset test) {
        this.curve = curve;
        this.points = points;
        this.withLine = withLine;
        this.train = train;
        this.test = test;
        this.line = curve.lineBetweenEnds();
    }

    @Override
    public String name() {
        return "Curve evaluation";
    }

    @Override
    public int count() {
        return withLine ? 2 * points : points;
    }

    @Override
    public String items() {
        return "points";
    }

    @Override
    public PointEvaluation.Data openShared() {
        // every point, on the curve and on the line, is a combination of the curve's bends
        List<float[]> bends = new ArrayList<>();
        for (int i = 0; i < curve.bendCount(); i++) {
            bends.add(curve.bendView(i));
        }
        return PointEvaluation.Data.open(curve.spec(), curve.scaling(), train, test, bends);
    }

    @Override
    public PointEvaluation.Worker openWorker(PointEvaluation.Data shared) {
        return PointEvaluation.Worker.open(curve.spec(), shared);
    }

    @Override
    public Point compute(PointEvaluation.Worker worker, int k, TrainingMonitor run) {
        double t = (k % points) / (double) (points - 1);
        boolean onCurve = k < points;
        worker.moveTo(onCurve ? curve.curve().coefficients(t) : lineCoefficients(t, curve.bendCount()),
            () -> (onCurve ? curve : line).pointAt(t));
        PointEvaluation.Data data = worker.data();
        Metrics tr = NetworkEvaluator.evaluate(worker.net(), data.train());
        float[] probabilities = data.test() == null ? null : NetworkEvaluator.probabilities(worker.net(), data.test());
        return new Point(tr.loss(), tr.errorPercent(), probabilities);
    }

    @Override
    public double progressValue(Point result) {
        return result.trainLoss();
    }

    /** The straight line between the first and the last bend, as coefficients of all bends. */
    static double[] lineCoefficients(double t, int bends) {
        double[] c = new double[bends];
        c[0] = 1 - t;
        c[bends - 1] = t;
        return c;
    }

    /** Where the bytes of the points go when they are sent to another process. */
    private Object writeReplace() {
        return new Form(WorkPayload.write(out -> {
            out.curve(curve);
            out.integer(points);
            out.integer(withLine ? 1 : 0);
            out.dataset(train);
            out.dataset(test);
        }));
    }

    /** The points as they travel. */
    private record Form(byte[] bytes) implements Serializable {
        private Object readResolve() {
            WorkPayload.Reader in = WorkPayload.read(bytes);
            return new PathPoints(in.curve(), in.integer(), in.integer() == 1, in.dataset(), in.dataset());
        }
    }
}
