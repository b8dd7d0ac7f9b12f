package org.modeconn.engine.curve;

/**
 * A parametric family of curves in weight space: φθ(t) = Σ b_i(t)·θ_i over n bends θ_0 … θ_{n−1}, with
 * φθ(0) = θ_0 and φθ(1) = θ_{n−1}. Implementations give the coefficients b(t), which sum to 1.
 */
public sealed interface Curve permits BezierCurve, PolyChainCurve {

    /** n, the number of bends including the two ends. */
    int bends();

    /** The coefficients b_0(t) … b_{n−1}(t) for t in [0, 1]. */
    double[] coefficients(double t);

    /** The kind of curve. */
    CurveType type();

    /** Refuses fewer than the two ends; {@code example} names the usual choice in the message. */
    static void requireBends(int bends, String example) {
        if (bends < 2) {
            throw new org.modeconn.engine.InvalidInputException("A curve needs at least 2 bends (its two ends); "
                + bends + " was given.", "Give 3 bends for " + example + ".");
        }
    }

    /** The curve of {@code type} with {@code bends} bends. */
    static Curve of(CurveType type, int bends) {
        return type == CurveType.BEZIER ? new BezierCurve(bends) : new PolyChainCurve(bends);
    }
}
