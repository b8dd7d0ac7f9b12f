package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_pooling_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.PoolWindow;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max-pooling, average pooling or global average pooling by oneDNN's primitives, in the tensor's kept
 * format; max-pooling keeps the positions of its maxima in oneDNN's workspace, so no pool needs its input
 * for the backward pass. A global pool writes [B, C, 1, 1], which in either kept format is the row [B, C].
 */
final class DnnlPoolKernel implements NodeKernel {

    private final LayerNode node;
    private final dnnl_stream stream;
    private final boolean max;
    private final long[] kernel;
    private final long[] strides;
    private final long[] padsBegin;
    private final long[] padsEnd;
    private final boolean includePad;

    /**
     * A pool over the windows {@code w}; an average pool counts the padding in its divisor where
     * {@code includePad} (which {@link LayerOp.AvgPool} allows only where the padding is even), else only the
     * image's own values.
     */
    DnnlPoolKernel(LayerNode node, dnnl_stream stream, boolean max, PoolWindow w, boolean includePad) {
        this.node = node;
        this.stream = stream;
        this.max = max;
        this.kernel = new long[] {w.kernelH(), w.kernelW()};
        this.strides = new long[] {w.strideH(), w.strideW()};
        this.padsBegin = new long[] {w.padH(), w.padW()};
        this.padsEnd = new long[] {w.padBottom(node.input().height()), w.padRight(node.input().width())};
        this.includePad = includePad;
    }

    private DnnlPassOps ops(PassBuffers pass) {
        return pass.scratch(node.index(), "dnnl", () -> {
            Dnnl dnnl = Dnnl.get();
            int batch = pass.batch();
            int format = Dnnl.formatOf(node.input());
            dnnl_memory_desc_t src = Dnnl.desc(node.input(), batch);
            long[] outDims = node.output().image()
                ? new long[] {batch, node.output().channels(), node.output().height(), node.output().width()}
                : new long[] {batch, node.output().channels(), 1, 1};
            dnnl_memory_desc_t dst = Dnnl.desc(outDims, format);
            int alg = max ? dnnl_pooling_max
                : includePad ? dnnl_pooling_avg_include_padding : dnnl_pooling_avg_exclude_padding;
            return DnnlOp.build(new DnnlPassOps(), ops -> {
                dnnl_pooling_desc_t f = new dnnl_pooling_desc_t();
                Dnnl.check(dnnl_pooling_forward_desc_init(f, dnnl_forward_training, alg, src, dst, strides, kernel,
                    padsBegin, padsEnd), "describing a pool of " + this);
                dnnl_primitive_desc fpd = dnnl.primitiveDesc(f, null, "choosing a pool");
                dnnl_memory_desc_t ws = max ? Dnnl.query(fpd, dnnl_query_workspace_md) : null;
                ops.workspaceFloats = ws == null ? 0 : (dnnl_memory_desc_get_size(ws) + 3) / 4;
                ops.training = max
                    ? DnnlOp.of(fpd, stream, "a pool", DNNL_ARG_SRC, src, DNNL_ARG_DST, dst, DNNL_ARG_WORKSPACE, ws)
                    : DnnlOp.of(fpd, stream, "a pool", DNNL_ARG_SRC, src, DNNL_ARG_DST, dst);
                dnnl_pooling_desc_t i = new dnnl_pooling_desc_t();
                Dnnl.check(dnnl_pooling_forward_desc_init(i, dnnl_forward_inference, alg, src, dst, strides, kernel,
                    padsBegin, padsEnd), "describing a pool for inference");
                ops.inference = DnnlOp.of(dnnl.primitiveDesc(i, null, "choosing a pool for inference"), stream,
                    "a pool (inference)", DNNL_ARG_SRC, src, DNNL_ARG_DST, dst);
                dnnl_pooling_desc_t b = new dnnl_pooling_desc_t();
                Dnnl.check(dnnl_pooling_backward_desc_init(b, alg, src, dst, strides, kernel, padsBegin, padsEnd),
                    "describing a pool's gradient");
                dnnl_primitive_desc bpd = dnnl.primitiveDesc(b, fpd, "choosing a pool's gradient");
                ops.backward = max
                    ? DnnlOp.of(bpd, stream, "a pool's gradient", DNNL_ARG_DIFF_DST, dst, DNNL_ARG_WORKSPACE, ws,
                        DNNL_ARG_DIFF_SRC, src)
                    : DnnlOp.of(bpd, stream, "a pool's gradient", DNNL_ARG_DIFF_DST, dst, DNNL_ARG_DIFF_SRC, src);
            });
        });
    }

    /** The pool's geometry, for messages. */
    @Override
    public String toString() {
        return (max ? "max" : includePad ? "avg (counting padding)" : "avg") + " window "
            + java.util.Arrays.toString(kernel) + " strides " + java.util.Arrays.toString(strides) + " padding "
            + java.util.Arrays.toString(padsBegin) + "/" + java.util.Arrays.toString(padsEnd) + " from "
            + node.input() + " to " + node.output();
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        DnnlPassOps ops = ops(pass);
        INDArray x = pass.out(node.from());
        INDArray y = pass.out(node.index());
        if (!training) {
            ops.inference.run(x, y);
        } else if (max) {
            ops.training.run(x, y, ops.workspace(pass, node.index()));
        } else {
            ops.training.run(x, y);
        }
    }

    @Override
    public void backward(PassBuffers pass) {
        if (!pass.wantsGradient(node.from())) {
            return;
        }
        DnnlPassOps ops = ops(pass);
        INDArray dx = pass.newGradient(node.from());
        if (max) {
            ops.backward.run(pass.gradientAt(node.index()), ops.workspace(pass, node.index()), dx);
        } else {
            ops.backward.run(pass.gradientAt(node.index()), dx);
        }
        pass.addGradient(node.from(), dx);
    }

    @Override
    public boolean needsInput() {
        return false;
    }
}
