package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every BatchNorm kernel shares: the running statistics and their gradient slots, the batch
 * statistics of the last training forward pass (kept for the backward pass and for recomputing running
 * statistics), and the running-statistic change written in {@link BatchNormConvention}'s convention.
 */
abstract class BatchStatistics implements NodeKernel {

    protected final LayerNode node;
    protected final long channels;
    protected final INDArray runningMean;
    protected final INDArray runningVar;
    private final INDArray dMean;
    private final INDArray dVar;
    private boolean updateRunning = true;

    BatchStatistics(LayerNode node, ParameterViews views) {
        this.node = node;
        this.channels = node.input().channels();
        this.runningMean = views.param("mean", channels);
        this.runningVar = views.param("var", channels);
        this.dMean = views.grad("mean", channels);
        this.dVar = views.grad("var", channels);
    }

    /** Whether a training forward pass writes the running-statistic change (not in statistics passes). */
    final void updateRunningStatistics(boolean update) {
        this.updateRunning = update;
    }

    /** The batch mean of the last training forward pass, [C]. */
    final INDArray batchMean(PassBuffers pass) {
        return pass.scratchArray(node.index(), "mean", channels);
    }

    /** The biased batch variance of the last training forward pass, [C]. */
    final INDArray batchVariance(PassBuffers pass) {
        return pass.scratchArray(node.index(), "var", channels);
    }

    /** The number of values per channel in one batch. */
    final long valuesPerChannel(PassBuffers pass) {
        return pass.batch() * (long) node.input().positions();
    }

    /**
     * After a training forward pass: running ← running − change, change = momentum·(running − batch), with
     * the variance unbiased, written into the statistics' gradient slots (the optimiser applies it).
     */
    protected final void writeRunningChange(PassBuffers pass) {
        if (!updateRunning) {
            return;
        }
        double unbias = BatchNormConvention.unbiasing(valuesPerChannel(pass));
        dMean.assign(runningMean).subi(batchMean(pass)).muli(BatchNormConvention.MOMENTUM);
        dVar.assign(batchVariance(pass)).muli(-unbias).addi(runningVar).muli(BatchNormConvention.MOMENTUM);
    }
}
