package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * BatchNorm by oneDNN's primitives in the tensor's kept format, in {@link BatchNormConvention}'s
 * convention, optionally with the ReLU after it fused in (the ReLU's mask kept as oneDNN's bit workspace).
 * γ and β are adjacent in the flat vector and are used in place as oneDNN's scale-shift pair, as is their
 * gradient slot.
 */
final class DnnlBatchNormKernel extends BatchStatistics {

    private final dnnl_stream stream;
    private final boolean fuseRelu;
    private final INDArray scaleShift;
    private final INDArray diffScaleShift;

    DnnlBatchNormKernel(LayerNode node, ParameterViews views, dnnl_stream stream, boolean fuseRelu) {
        super(node, views);
        this.stream = stream;
        this.fuseRelu = fuseRelu;
        this.scaleShift = views.span("gamma", "beta", 2, channels);
        this.diffScaleShift = views.gradSpan("gamma", "beta", 2, channels);
    }

    private DnnlPassOps ops(PassBuffers pass) {
        return pass.scratch(node.index(), "dnnl", () -> build(pass.batch()));
    }

    private DnnlPassOps build(int batch) {
        Dnnl dnnl = Dnnl.get();
        dnnl_memory_desc_t data = Dnnl.desc(node.input(), batch);
        dnnl_memory_desc_t stat = Dnnl.desc(new long[] {channels}, dnnl_x);
        dnnl_memory_desc_t ss = Dnnl.desc(new long[] {2, channels}, dnnl_nc);
        int flags = dnnl_use_scaleshift | (fuseRelu ? dnnl_fuse_norm_relu : 0);
        float eps = (float) BatchNormConvention.EPSILON;
        return DnnlOp.build(new DnnlPassOps(), ops -> {
            dnnl_batch_normalization_desc_t tf = new dnnl_batch_normalization_desc_t();
            Dnnl.check(dnnl_batch_normalization_forward_desc_init(tf, dnnl_forward_training, data, eps, flags),
                "describing BatchNorm");
            dnnl_primitive_desc tpd = dnnl.primitiveDesc(tf, null, "choosing BatchNorm");
            dnnl_memory_desc_t ws = fuseRelu ? Dnnl.query(tpd, dnnl_query_workspace_md) : null;
            ops.workspaceFloats = ws == null ? 0 : (dnnl_memory_desc_get_size(ws) + 3) / 4;
            ops.training = fuseRelu
                ? DnnlOp.of(tpd, stream, "BatchNorm", DNNL_ARG_SRC, data, DNNL_ARG_SCALE_SHIFT, ss, DNNL_ARG_DST, data,
                    DNNL_ARG_MEAN, stat, DNNL_ARG_VARIANCE, stat, DNNL_ARG_WORKSPACE, ws)
                : DnnlOp.of(tpd, stream, "BatchNorm", DNNL_ARG_SRC, data, DNNL_ARG_SCALE_SHIFT, ss, DNNL_ARG_DST, data,
                    DNNL_ARG_MEAN, stat, DNNL_ARG_VARIANCE, stat);

            dnnl_batch_normalization_desc_t inf = new dnnl_batch_normalization_desc_t();
            Dnnl.check(dnnl_batch_normalization_forward_desc_init(inf, dnnl_forward_inference, data, eps,
                flags | dnnl_use_global_stats), "describing BatchNorm for inference");
            ops.inference = DnnlOp.of(dnnl.primitiveDesc(inf, null, "choosing BatchNorm for inference"), stream,
                "BatchNorm (inference)", DNNL_ARG_SRC, data, DNNL_ARG_MEAN, stat, DNNL_ARG_VARIANCE, stat,
                DNNL_ARG_SCALE_SHIFT, ss, DNNL_ARG_DST, data);

            dnnl_batch_normalization_desc_t bd = new dnnl_batch_normalization_desc_t();
            Dnnl.check(dnnl_batch_normalization_backward_desc_init(bd, dnnl_backward, data, data, eps, flags),
                "describing BatchNorm's gradient");
            dnnl_primitive_desc bpd = dnnl.primitiveDesc(bd, tpd, "choosing BatchNorm's gradient");
            ops.backward = fuseRelu
                ? DnnlOp.of(bpd, stream, "BatchNorm's gradient", DNNL_ARG_SRC, data, DNNL_ARG_MEAN, stat,
                    DNNL_ARG_VARIANCE, stat, DNNL_ARG_DIFF_DST, data, DNNL_ARG_SCALE_SHIFT, ss, DNNL_ARG_WORKSPACE, ws,
                    DNNL_ARG_DIFF_SRC, data, DNNL_ARG_DIFF_SCALE_SHIFT, ss)
                : DnnlOp.of(bpd, stream, "BatchNorm's gradient", DNNL_ARG_SRC, data, DNNL_ARG_MEAN, stat,
                    DNNL_ARG_VARIANCE, stat, DNNL_ARG_DIFF_DST, data, DNNL_ARG_SCALE_SHIFT, ss, DNNL_ARG_DIFF_SRC, data,
                    DNNL_ARG_DIFF_SCALE_SHIFT, ss);
        });
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        DnnlPassOps ops = ops(pass);
        INDArray x = pass.out(node.from());
        INDArray y = pass.out(node.index());
        if (!training) {
            ops.inference.run(x, runningMean, runningVar, scaleShift, y);
            return;
        }
        INDArray mean = batchMean(pass);
        INDArray var = batchVariance(pass);
        if (fuseRelu) {
            ops.training.run(x, scaleShift, y, mean, var, ops.workspace(pass, node.index()));
        } else {
            ops.training.run(x, scaleShift, y, mean, var);
        }
        writeRunningChange(pass);
    }

    /**
     * Writes the training forward pass's output again (normalised with the batch statistics kept from it,
     * ReLU applied where fused) into the node's buffer, for readers whose backward pass needs it after the
     * buffer was given back.
     */
    void recompute(PassBuffers pass) {
        ops(pass).inference.run(pass.out(node.from()), batchMean(pass), batchVariance(pass), scaleShift,
            pass.out(node.index()));
    }

    /** Whether it computes the ReLU after it as well. */
    boolean fusesRelu() {
        return fuseRelu;
    }

    @Override
    public void backward(PassBuffers pass) {
        DnnlPassOps ops = ops(pass);
        INDArray x = pass.out(node.from());
        INDArray dz = pass.gradientAt(node.index());
        INDArray dx = pass.newGradient(node.from());
        if (fuseRelu) {
            ops.backward.run(x, batchMean(pass), batchVariance(pass), dz, scaleShift,
                ops.workspace(pass, node.index()), dx, diffScaleShift);
        } else {
            ops.backward.run(x, batchMean(pass), batchVariance(pass), dz, scaleShift, dx, diffScaleShift);
        }
        pass.addGradient(node.from(), dx);
    }
}
