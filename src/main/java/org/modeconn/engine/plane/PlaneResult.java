package org.modeconn.engine.plane;

import java.util.List;

/**
 * Loss and error over a grid on the plane through three weight vectors.
 *
 * @param xs the grid's x coordinates (along w2 − w1), ascending
 * @param ys the grid's y coordinates (towards the middle point), ascending
 * @param trainLoss train loss at [iy][ix]
 * @param trainError train error (%) at [iy][ix]
 * @param testLoss test loss at [iy][ix], or null without test data
 * @param testError test error (%) at [iy][ix], or null without test data
 * @param anchors the (x, y) of the named points: w1, θ, w2, or the centre of a random-direction plane
 * @param curve the (x, y) of points of the curve, or an empty list
 * @param lengthU ‖w2 − w1‖
 * @param lengthV the middle point's distance from the line w1–w2
 * @param trainExamples how many training examples the train figures (and BatchNorm statistics) used
 * @param seconds wall-clock seconds
 * @param anchorNames the anchors' names: {@link #THROUGH_THREE_POINTS}, {@link #AROUND_ONE_NETWORK} or
 *        {@link #LINE_BETWEEN_TWO}
 */
public record PlaneResult(double[] xs, double[] ys, double[][] trainLoss, double[][] trainError, double[][] testLoss,
        double[][] testError, double[][] anchors, List<double[]> curve, double lengthU, double lengthV,
        int trainExamples, double seconds, List<String> anchorNames) {

    /** The anchors of the plane through three points. */
    public static final List<String> THROUGH_THREE_POINTS = List.of("w1", "theta", "w2");

    /** The anchor of a plane (or a line) of random directions around one network. */
    public static final List<String> AROUND_ONE_NETWORK = List.of("centre");

    /** The anchors of the line between two networks. */
    public static final List<String> LINE_BETWEEN_TWO = List.of("a", "b");

    /** Whether this is a 1-D slice (a line: one row of the grid). */
    public boolean isLine() {
        return ys.length == 1;
    }

    /** Checks that every anchor is named. */
    public PlaneResult {
        if (anchorNames.size() != anchors.length) {
            throw new IllegalArgumentException(anchorNames.size() + " names for " + anchors.length + " anchors");
        }
        anchorNames = List.copyOf(anchorNames);
    }

    /** The plane through three points (w1, θ, w2). */
    public PlaneResult(double[] xs, double[] ys, double[][] trainLoss, double[][] trainError, double[][] testLoss,
            double[][] testError, double[][] anchors, List<double[]> curve, double lengthU, double lengthV,
            int trainExamples, double seconds) {
        this(xs, ys, trainLoss, trainError, testLoss, testError, anchors, curve, lengthU, lengthV, trainExamples,
            seconds, THROUGH_THREE_POINTS);
    }

    /** Whether test figures are present. */
    public boolean hasTest() {
        return testError != null;
    }
}
