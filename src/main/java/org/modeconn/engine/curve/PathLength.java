package org.modeconn.engine.curve;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The length of a path in weight space whose points are combinations of the same bends, φ(t) = Σ c_j(t)·θ_j:
 * at each grid point, the length from the start, over the trainable weights (BatchNorm statistics are not
 * weights), the path taken as straight between grid points.
 */
public final class PathLength {

    private PathLength() {
    }

    /**
     * @param bends the bends' weights, statistics entries zeroed or left out (all of one length)
     * @param coefficients the coefficients c(t) of the bends at t
     * @param points grid size (t = 0, 1/(points−1), …, 1)
     * @return the arc length at each grid point, 0 at the first
     */
    public static double[] arcLengths(final List<float[]> bends, final DoubleFunction<double[]> coefficients,
        final int points) {
        double[] arc = new double[points];
        double[] previous = coefficients.apply(0);
        int size = bends.get(0).length;
        for (int k = 1; k < points; k++) {
            double[] c = coefficients.apply(k / (double)(points - 1));
            double[] d = new double[c.length];
            for (int j = 0; j < c.length; j++) {
                d[j] = c[j] - previous[j];
            }
            // ‖Σ_j d_j θ_j‖ in double, element by element, so that no combined vector is kept.
            double squares = 0;
            for (int i = 0; i < size; i++) {
                double step = 0;
                for (int j = 0; j < d.length; j++) {
                    step += d[j] * bends.get(j)[i];
                }
                squares += step * step;
            }
            arc[k] = arc[k - 1] + Math.sqrt(squares);
            previous = c;
        }
        return arc;
    }
}
