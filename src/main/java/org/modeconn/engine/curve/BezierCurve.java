package org.modeconn.engine.curve;

/**
 * A Bezier curve with n bends: b_i(t) = C(n−1, i)·t^i·(1−t)^(n−1−i), the Bernstein basis of degree
 * n−1. With n = 3 it is the quadratic curve φθ(t) = (1−t)²ŵ1 + 2t(1−t)θ + t²ŵ2 of the paper.
 *
 * @param bends n ≥ 2
 */
public record BezierCurve(int bends) implements Curve {

    /** Validates n. */
    public BezierCurve {
        Curve.requireBends(bends, "the paper's quadratic Bezier curve");
    }

    @Override
    public double[] coefficients(double t) {
        int degree = bends - 1;
        double[] b = new double[bends];
        for (int i = 0; i < bends; i++) {
            b[i] = binomial(degree, i) * Math.pow(t, i) * Math.pow(1 - t, degree - i);
        }
        return b;
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int j = 1; j <= k; j++) {
            r = r * (n - k + j) / j;
        }
        return r;
    }

    @Override
    public CurveType type() {
        return CurveType.BEZIER;
    }
}
