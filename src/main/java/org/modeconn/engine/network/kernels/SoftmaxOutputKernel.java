package org.modeconn.engine.network.kernels;

import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classifier: the logits as a dense layer, then in training the mean softmax cross-entropy against the
 * pass's labels and its gradient (softmax − one-hot) / B, computed in Java on the small [B, C] logits.
 */
final class SoftmaxOutputKernel extends DenseKernel {

    private BatchResult last;

    SoftmaxOutputKernel(LayerNode node, ParameterViews views, dnnl_stream stream) {
        super(node, views, stream);
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        super.forward(pass, training);
        if (training && pass.labels() != null) {
            INDArray logits = pass.out(node.index());
            float[] p = pass.scratch(node.index(), "p", () -> new float[(int) logits.length()]);
            OpenBlasMatrices.load(logits, p);
            last = SoftmaxCrossEntropy.lossAndGradient(p, pass.labels(), pass.batch(), (int) nOut);
            OpenBlasMatrices.store(p, pass.scratchArray(node.index(), "dz", pass.batch(), nOut));
        }
    }

    /** The loss and error count of the last training forward pass. */
    BatchResult result() {
        return last;
    }

    @Override
    public void backward(PassBuffers pass) {
        backwardFrom(pass, pass.scratchArray(node.index(), "dz", pass.batch(), nOut));
    }
}
