package org.modeconn.engine.network.layers;

/**
 * The one BatchNorm convention of every path (the engine's kernels, the Deeplearning4j graph, CUDA):
 * PyTorch's, so that figures compare with the paper's code. Normalisation divides by √(σ²_B + ε) with
 * the biased batch variance; the running statistics move by momentum 0.1 towards the batch mean and the
 * unbiased batch variance.
 */
public final class BatchNormConvention {

    /** ε added to the variance. */
    public static final double EPSILON = 1e-5;
    /** The weight of the new batch in the running statistics (PyTorch's momentum). */
    public static final double MOMENTUM = 0.1;
    /** Deeplearning4j's decay: the weight it keeps of the old running statistic. */
    public static final double DL4J_DECAY = 1 - MOMENTUM;

    private BatchNormConvention() {
    }

    /** The factor n/(n−1) that makes the biased variance of n values unbiased (1 for a single value). */
    public static double unbiasing(long n) {
        return n > 1 ? (double) n / (n - 1) : 1.0;
    }

    /**
     * The change of a running statistic for one batch, in the form the optimiser applies to the statistic
     * slots of the gradient vector (running ← running − change).
     */
    public static float runningChange(float running, float batchValue) {
        return (float) (MOMENTUM * (running - batchValue));
    }

    /**
     * The running-variance change in this convention from Deeplearning4j's, which moves towards the biased
     * batch variance: DL4J's slot holds c = momentum·(running − biased) for a batch of {@code n} values per
     * channel, so biased = running − c/momentum, and the change towards the unbiased variance
     * momentum·(running − biased·n/(n−1)) is a·c + b·running with the {a, b} returned here.
     */
    public static double[] varianceChangeFromDl4j(long n) {
        double u = unbiasing(n);
        return new double[] {u, MOMENTUM * (1 - u)};
    }
}
