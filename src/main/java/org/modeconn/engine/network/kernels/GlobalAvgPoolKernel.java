package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.factory.Nd4j;

/** The mean of each channel over the image, [B, C, H, W] to [B, C]; its gradient spread evenly back. */
final class GlobalAvgPoolKernel implements NodeKernel {

    private final LayerNode node;

    GlobalAvgPoolKernel(LayerNode node) {
        this.node = node;
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        Nd4j.exec(new Mean(pass.out(node.from()), pass.out(node.index()), 2, 3));
    }

    @Override
    public void backward(PassBuffers pass) {
        INDArray g = pass.gradientAt(node.index());
        INDArray dx = pass.newGradient(node.from());
        Nd4j.exec(new BroadcastCopyOp(dx, g, dx, 0, 1));
        dx.divi(node.input().positions());
        pass.addGradient(node.from(), dx);
    }

    @Override
    public boolean needsInput() {
        return false;
    }
}
