package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.LayerNode;

/**
 * A ReLU that the BatchNorm before it computes (oneDNN's fused BatchNorm-ReLU): it works in the BatchNorm's
 * buffer, and its gradient passes through to the BatchNorm, which applies the mask.
 */
final class FusedReluKernel implements NodeKernel {

    private final LayerNode node;

    FusedReluKernel(LayerNode node) {
        this.node = node;
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        if (pass.out(node.index()) != pass.out(node.from())) {
            throw new IllegalStateException("a fused ReLU must work in its BatchNorm's buffer");
        }
    }

    @Override
    public void backward(PassBuffers pass) {
        pass.addGradient(node.from(), pass.takeGradient(node.index()));
    }

    @Override
    public boolean needsInput() {
        return false;
    }
}
