package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Max- or average pooling over kH×kW windows, padded or not, by libnd4j's pooling operations. */
final class PoolKernel implements NodeKernel {

    private final LayerNode node;
    private final String op;
    private final int[] args;

    PoolKernel(LayerNode node, boolean max, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
            boolean includePad) {
        this.node = node;
        this.op = max ? "maxpool2d" : "avgpool2d";
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, divisor mode (0: exclude padding, 1: include it), NHWC
        this.args = new int[] {kernelH, kernelW, strideH, strideW, padH, padW, 1, 1, 0, includePad ? 1 : 0, 0};
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        NativeOps.run(op, NativeOps.in(pass.out(node.from())), NativeOps.out(pass.out(node.index())), args);
    }

    @Override
    public void backward(PassBuffers pass) {
        if (!pass.wantsGradient(node.from())) {
            return;
        }
        INDArray dx = pass.newGradient(node.from());
        NativeOps.run(op + "_bp", NativeOps.in(pass.out(node.from()), pass.gradientAt(node.index())),
            NativeOps.out(dx), args);
        pass.addGradient(node.from(), dx);
    }
}
