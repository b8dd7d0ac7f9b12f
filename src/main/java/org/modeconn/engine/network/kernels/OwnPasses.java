package org.modeconn.engine.network.kernels;

import java.util.List;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The engine's own forward and backward passes for an architecture whose Deeplearning4j layers cost far
 * more than their arithmetic ({@link DenseMlpPasses}, the layer kernels of
 * {@link LayerPasses}), on the graph's own parameter and
 * gradient vectors; the executable network uses them where they exist and Deeplearning4j's layers elsewhere.
 */
public interface OwnPasses {

    /**
     * Forward and backward pass in training mode on one batch: the gradient of the mean loss in the
     * gradient vector, BatchNorm running-statistic changes in their slots.
     *
     * @param features [B, d] scaled features
     * @param labelIndices the class of each row
     * @return the mean loss and the number of misclassified rows
     */
    BatchResult computeGradient(INDArray features, int[] labelIndices);

    /** Class probabilities [B, C], a new array, in inference mode. */
    INDArray predict(INDArray features);

    /**
     * Inputs (new arrays) of the named layers' BatchNorm for one batch in training mode, BatchNorm
     * normalising with batch statistics; the running statistics are left as they are.
     */
    INDArray[] trainingActivations(List<String> layers, INDArray features);

    /**
     * For each BatchNorm layer (by name), the batch mean and unbiased batch variance of its input for one
     * batch in training mode, without changing the running statistics; null where the passes leave this
     * to the executable network (from {@link #trainingActivations}).
     */
    default java.util.Map<String, float[][]> batchNormStatistics(INDArray features) {
        return null;
    }

    /**
     * Tells the passes how many native threads the next pass runs on, before it runs; kernels that fix their thread
     * count when they are built are rebuilt when it changes.
     */
    default void runOn(int threads) {
    }

    /**
     * From now on, inference passes (not training steps) on rows of {@code shared}'s data may take their
     * first layer from it as the combination {@code coefficients}; null clears that. Passes without a
     * shared first layer ignore it: their parameters were set to the combination.
     */
    default void useSharedFirstLayer(SharedFirstLayer shared, double[] coefficients) {
    }

    /**
     * One training step timed per kind of kernel (seconds forward and backward by kernel class), where the
     * passes time their kernels; empty elsewhere.
     */
    default java.util.Map<String, double[]> profileStep(INDArray features, int[] labelIndices) {
        return java.util.Map.of();
    }

    /** The forward pass of one chunk of rows, its logits written row-major into a Java array. */
    @FunctionalInterface
    interface ChunkLogits {
        void logits(INDArray chunk, float[] into);
    }

    /**
     * Class probabilities [N, C] (a new array) computed in chunks of at most {@code maxRows} rows, so that
     * the passes' buffers stay bounded whatever the caller passes.
     */
    static INDArray predictInChunks(INDArray features, int maxRows, int classes, ChunkLogits pass) {
        int rows = (int) features.size(0);
        INDArray probabilities = Nd4j.createUninitialized(DataType.FLOAT, rows, classes);
        float[] p = new float[Math.min(rows, maxRows) * classes];
        for (int from = 0; from < rows; from += maxRows) {
            int count = Math.min(maxRows, rows - from);
            boolean whole = count == rows;
            pass.logits(whole ? features : features.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()),
                p);
            SoftmaxCrossEntropy.probabilities(p, count, classes);
            OpenBlasMatrices.store(p, whole ? probabilities
                : probabilities.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all()));
        }
        return probabilities;
    }

    /** The own passes for {@code spec}, or null where Deeplearning4j's layers are used. */
    static OwnPasses forNetwork(NetworkSpec spec, ParameterLayout layout, INDArray params, INDArray grads,
            KernelChoice choice) {
        if (!choice.ownPasses()) {
            return null;
        }
        OwnPasses mlp = DenseMlpPasses.forNetwork(spec, layout, params, grads);
        if (mlp != null) {
            return mlp;
        }
        return LayerPasses.available() ? new LayerPasses(spec.layers(), layout, params, grads, 1, choice) : null;
    }
}
