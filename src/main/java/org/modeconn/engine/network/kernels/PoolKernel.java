package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.PoolWindow;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Max- or average pooling over kH×kW windows, padded or not, by libnd4j's pooling operations. libnd4j pads
 * evenly only, so a pool padded more at the end pools a copy of its input padded explicitly (−∞ for a max-pool,
 * zeros for an average, whose sums are then divided by the image's values each window covers).
 */
final class PoolKernel implements NodeKernel {

    private final LayerNode node;
    private final String op;
    private final PoolWindow window;
    private final int[] args;
    /** For an average padded unevenly: k·k over the image's values each output position's window covers. */
    private final float[] divisorScale;

    PoolKernel(LayerNode node, boolean max, PoolWindow w, boolean includePad) {
        this.node = node;
        this.op = max ? "maxpool2d" : "avgpool2d";
        this.window = w;
        // kH, kW, sH, sW, pH, pW, dH, dW, same mode, divisor mode (0: exclude padding, 1: include it), NHWC
        this.args = w.uneven() ? new int[] {w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), 0, 0, 1, 1, 0, 1, 0}
            : new int[] {w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.padH(), w.padW(), 1, 1, 0,
                includePad ? 1 : 0, 0};
        this.divisorScale = max || !w.uneven() ? null : divisorScale(w, node.input().height(), node.input().width());
    }

    private static float[] divisorScale(PoolWindow w, int height, int width) {
        int oh = w.outHeight(height);
        int ow = w.outWidth(width);
        float[] scale = new float[oh * ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                scale[i * ow + j] = (float) (w.kernelH() * w.kernelW())
                    / (w.rowsCovered(i, height) * w.columnsCovered(j, width));
            }
        }
        return scale;
    }

    /** The input padded explicitly, for this batch size. */
    private INDArray padded(PassBuffers pass) {
        return pass.scratchArray(node.index(), "padded", pass.batch(), node.input().channels(),
            node.input().height() + 2 * window.padH() + window.extraBottom(),
            node.input().width() + 2 * window.padW() + window.extraRight());
    }

    private INDArray interior(INDArray padded) {
        return padded.get(NDArrayIndex.all(), NDArrayIndex.all(),
            NDArrayIndex.interval(window.padH(), window.padH() + node.input().height()),
            NDArrayIndex.interval(window.padW(), window.padW() + node.input().width()));
    }

    /** An output-shaped array as rows of one channel's positions, for scaling each position. */
    private static INDArray positions(INDArray a) {
        return a.reshape('c', a.size(0) * a.size(1), a.size(2) * a.size(3));
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        INDArray x = pass.out(node.from());
        INDArray y = pass.out(node.index());
        if (!window.uneven()) {
            NativeOps.run(op, NativeOps.in(x), NativeOps.out(y), args);
            return;
        }
        INDArray xp = padded(pass);
        xp.assign(divisorScale == null ? Float.NEGATIVE_INFINITY : 0f);
        interior(xp).assign(x);
        NativeOps.run(op, NativeOps.in(xp), NativeOps.out(y), args);
        if (divisorScale != null) {
            positions(y).muliRowVector(pass.constantRow(node.index(), "divisor", divisorScale));
        }
    }

    @Override
    public void backward(PassBuffers pass) {
        if (!pass.wantsGradient(node.from())) {
            return;
        }
        INDArray dx = pass.newGradient(node.from());
        INDArray dy = pass.gradientAt(node.index());
        if (!window.uneven()) {
            NativeOps.run(op + "_bp", NativeOps.in(pass.out(node.from()), dy), NativeOps.out(dx), args);
        } else {
            INDArray xp = padded(pass);
            if (divisorScale != null) {
                INDArray scaled = pass.scratchArray(node.index(), "scaled", dy.shape());
                scaled.assign(dy);
                positions(scaled).muliRowVector(pass.constantRow(node.index(), "divisor", divisorScale));
                dy = scaled;
            }
            INDArray dxp = pass.scratchArray(node.index(), "paddedGradient", xp.shape());
            NativeOps.run(op + "_bp", NativeOps.in(xp, dy), NativeOps.out(dxp), args);
            dx.assign(interior(dxp));
        }
        pass.addGradient(node.from(), dx);
    }
}
