package org.modeconn.engine.network.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What a BatchNorm kernel tells about its last training forward pass, for recomputing running statistics. */
interface BatchStatistics {

    /** Whether a training forward pass writes the running-statistic change (not in statistics passes). */
    void updateRunningStatistics(boolean update);

    /** The batch mean of the last training forward pass, [C]. */
    INDArray batchMean(PassBuffers pass);

    /** The biased batch variance of the last training forward pass, [C]. */
    INDArray batchVariance(PassBuffers pass);

    /** The number of values per channel in one batch. */
    long valuesPerChannel(PassBuffers pass);
}
