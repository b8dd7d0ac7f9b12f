package org.modeconn.engine.network.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The batch mean and unbiased batch variance per channel (or feature) of one BatchNorm input, computed with
 * ND4J, for the passes that report BatchNorm statistics from activations rather than from their kernels.
 */
public final class ChannelStatistics {

    private ChannelStatistics() {
    }

    /**
     * @param x a BatchNorm's input [B, C, H, W] or [B, F]
     * @return {mean, unbiased variance} per channel; the variance is 0 where a channel has one value
     */
    public static float[][] of(INDArray x) {
        int[] dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
        long perChannel = x.length() / x.size(1);
        INDArray mean = x.mean(dims);
        INDArray var = x.var(true, dims);
        float[] v = perChannel < 2 ? new float[(int) x.size(1)] : var.toFloatVector();
        float[][] out = {mean.toFloatVector(), v};
        mean.close();
        var.close();
        return out;
    }
}
