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
 * @param anchors the (x, y) of w1, θ, w2
 * @param curve the (x, y) of points of the curve, or an empty list
 * @param lengthU ‖w2 − w1‖
 * @param lengthV the middle point's distance from the line w1–w2
 * @param trainExamples how many training examples the train figures (and BatchNorm statistics) used
 * @param seconds wall-clock seconds
 */
public record PlaneResult(double[] xs, double[] ys, double[][] trainLoss, double[][] trainError, double[][] testLoss,
        double[][] testError, double[][] anchors, List<double[]> curve, double lengthU, double lengthV,
        int trainExamples, double seconds) {

    /** Whether test figures are present. */
    public boolean hasTest() {
        return testError != null;
    }
}
