package org.modeconn.engine.network;

/** What a block of the flat parameter vector holds. */
public enum ParameterKind {
    /** Dense or convolution weights: trainable. */
    WEIGHT,
    /** Biases: trainable. */
    BIAS,
    /** BatchNorm scale γ: trainable, lies on curves. */
    BN_GAMMA,
    /** BatchNorm shift β: trainable, lies on curves. */
    BN_BETA,
    /** BatchNorm running mean: a statistic, recomputed along curves. */
    BN_MEAN,
    /** BatchNorm running variance: a statistic, recomputed along curves. */
    BN_VAR;

    /** Whether gradient descent updates this block (the running statistics are not trained). */
    public boolean trainable() {
        return this != BN_MEAN && this != BN_VAR;
    }
}
