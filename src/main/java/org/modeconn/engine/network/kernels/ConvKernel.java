package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution as libnd4j's conv2d and conv2d_bp on NCHW buffers, with the weights as their
 * [Cout, Cin, kH, kW] view of the flat vector (the layout Deeplearning4j and PyTorch share), so that no
 * weight is copied or permuted.
 */
final class ConvKernel implements NodeKernel {

    private final LayerNode node;
    private final INDArray w;
    private final INDArray b;
    private final INDArray dw;
    private final INDArray db;
    private final int[] args;

    ConvKernel(LayerNode node, ParameterViews views) {
        this.node = node;
        LayerOp.Conv c = (LayerOp.Conv) node.op();
        long cin = node.input().channels();
        this.w = views.param("W", c.channels(), cin, c.kernelH(), c.kernelW());
        this.dw = views.grad("W", c.channels(), cin, c.kernelH(), c.kernelW());
        this.b = c.bias() ? views.param("b", c.channels()) : null;
        this.db = c.bias() ? views.grad("b", c.channels()) : null;
        // kH, kW, sH, sW, pH, pW, dH, dW, padding mode (0: explicit), data format (0: NCHW), weights (1: OIYX)
        this.args = new int[] {c.kernelH(), c.kernelW(), c.strideH(), c.strideW(), c.padH(), c.padW(), 1, 1, 0, 0, 1};
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        INDArray x = pass.out(node.from());
        INDArray[] inputs = b != null ? NativeOps.in(x, w, b) : NativeOps.in(x, w);
        NativeOps.run("conv2d", inputs, NativeOps.out(pass.out(node.index())), args);
    }

    @Override
    public void backward(PassBuffers pass) {
        INDArray x = pass.out(node.from());
        INDArray dz = pass.gradientAt(node.index());
        INDArray dx = pass.wantsGradient(node.from()) ? pass.newGradient(node.from())
            : pass.scratchArray(node.index(), "dx", pass.outputShape(node.from()));
        INDArray[] inputs = b != null ? NativeOps.in(x, w, b, dz) : NativeOps.in(x, w, dz);
        INDArray[] outputs = b != null ? NativeOps.out(dx, dw, db) : NativeOps.out(dx, dw);
        NativeOps.run("conv2d_bp", inputs, outputs, args);
        if (pass.wantsGradient(node.from())) {
            pass.addGradient(node.from(), dx);
        }
    }
}
