package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * max(x, 0), in place where its input is not needed elsewhere; the backward pass masks the gradient by
 * the output's sign, in the gradient's own buffer.
 */
final class ReluKernel implements NodeKernel {

    private final LayerNode node;

    ReluKernel(LayerNode node) {
        this.node = node;
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        Nd4j.exec(new RectifiedLinear(pass.out(node.from()), pass.out(node.index()), 0.0));
    }

    @Override
    public void backward(PassBuffers pass) {
        INDArray g = pass.takeGradient(node.index());
        NativeOps.run("relu_bp", NativeOps.in(pass.out(node.index()), g), NativeOps.out(g), NativeOps.ints(), 0.0);
        pass.addGradient(node.from(), g);
    }

    @Override
    public boolean needsInput() {
        return false;
    }

    @Override
    public boolean needsOutput() {
        return true;
    }
}
