package org.modeconn.engine.curve;

/**
 * A polygonal chain with n bends: straight segments between consecutive bends, equally long in t, so
 * that b_i(t) = max(0, 1 − |t·(n−1) − i|). With n = 3 it is the paper's chain with one bend.
 *
 * @param bends n ≥ 2
 */
public record PolyChainCurve(int bends) implements Curve {

    /** Validates n. */
    public PolyChainCurve {
        Curve.requireBends(bends, "the paper's polygonal chain with one bend");
    }

    @Override
    public double[] coefficients(double t) {
        double[] b = new double[bends];
        double s = t * (bends - 1);
        for (int i = 0; i < bends; i++) {
            b[i] = Math.max(0, 1 - Math.abs(s - i));
        }
        return b;
    }

    @Override
    public CurveType type() {
        return CurveType.POLYCHAIN;
    }
}
