package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The residual sum of two inputs, in the buffer of one of them where that one is needed nowhere else. */
final class AddKernel implements NodeKernel {

    private final LayerNode node;

    AddKernel(LayerNode node) {
        this.node = node;
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        INDArray a = pass.out(node.inputs().get(0));
        INDArray b = pass.out(node.inputs().get(1));
        INDArray out = pass.out(node.index());
        if (out == a) {
            a.addi(b);
        } else if (out == b) {
            b.addi(a);
        } else {
            a.add(b, out);
        }
    }

    @Override
    public void backward(PassBuffers pass) {
        INDArray g = pass.takeGradient(node.index());
        pass.addGradientCopy(node.inputs().get(1), g);
        pass.addGradient(node.inputs().get(0), g);
    }

    @Override
    public boolean needsInput() {
        return false;
    }
}
