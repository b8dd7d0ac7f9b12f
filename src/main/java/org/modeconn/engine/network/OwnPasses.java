package org.modeconn.engine.network;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's own forward and backward passes for an architecture whose Deeplearning4j layers cost far
 * more than their arithmetic ({@link DenseMlpPasses}, {@link CnnPasses}), on the graph's own parameter and
 * gradient vectors; {@link Dl4jNetwork} uses them where they exist and Deeplearning4j's layers elsewhere.
 */
interface OwnPasses {

    /**
     * Forward and backward pass in training mode on one batch: the gradient of the mean loss in the
     * gradient vector, BatchNorm running-statistic changes in their slots.
     *
     * @param features [B, d] scaled features
     * @param labelIndices the class of each row
     * @return the mean loss and the number of misclassified rows
     */
    Dl4jNetwork.BatchResult computeGradient(INDArray features, int[] labelIndices);

    /** Class probabilities [B, C], a new array, in inference mode. */
    INDArray predict(INDArray features);

    /**
     * Inputs (new arrays) of the named layers' BatchNorm for one batch in training mode, BatchNorm
     * normalising with batch statistics; the running statistics are left as they are.
     */
    INDArray[] trainingActivations(List<String> layers, INDArray features);

    /** The own passes for {@code spec}, or null where Deeplearning4j's layers are used. */
    static OwnPasses forNetwork(NetworkSpec spec, ParameterLayout layout, INDArray params, INDArray grads) {
        OwnPasses mlp = DenseMlpPasses.forNetwork(spec, layout, params, grads);
        return mlp != null ? mlp : CnnPasses.forNetwork(spec, layout, params, grads);
    }
}
