package org.modeconn.engine.network.kernels;

import java.util.SplittableRandom;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inverted dropout: in training each value is kept with probability 1 − p and scaled by 1/(1 − p), the
 * mask drawn from the kernel's own seeded stream (so that a seed gives the same masks on every run); in
 * inference the identity.
 */
final class DropoutKernel implements NodeKernel {

    private final LayerNode node;
    private final double p;
    private SplittableRandom random;

    DropoutKernel(LayerNode node, long seed) {
        this.node = node;
        this.p = ((LayerOp.Dropout) node.op()).probability();
        this.random = new SplittableRandom(seed);
    }

    /** Restarts the mask stream from {@code seed}. */
    void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        INDArray x = pass.out(node.from());
        INDArray y = pass.out(node.index());
        if (!training) {
            if (y != x) {
                y.assign(x);
            }
            return;
        }
        INDArray mask = pass.scratchArray(node.index(), "mask", pass.outputShape(node.index()));
        float[] m = pass.scratch(node.index(), "m", () -> new float[(int) mask.length()]);
        float keep = (float) (1 / (1 - p));
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextDouble() < p ? 0f : keep;
        }
        NativeOps.copy(m, mask);
        x.mul(mask, y);
    }

    @Override
    public void backward(PassBuffers pass) {
        INDArray g = pass.takeGradient(node.index());
        g.muli(pass.scratchArray(node.index(), "mask", pass.outputShape(node.index())));
        pass.addGradient(node.from(), g);
    }

    @Override
    public boolean needsInput() {
        return false;
    }
}
