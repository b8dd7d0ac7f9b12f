package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A convolution by oneDNN's forward, backward-data and backward-weights primitives on tensors in their
 * kept formats ({@link Dnnl#formatOf}); the weights stay [Cout, Cin, kH, kW] in the flat vector and are
 * reordered into the primitives' own layouts at each use (their gradient back).
 */
final class DnnlConvKernel implements NodeKernel {

    private final LayerNode node;
    private final LayerOp.Conv conv;
    private final dnnl_stream stream;
    private final boolean direct;
    private final INDArray w;
    private final INDArray b;
    private final INDArray dw;
    private final INDArray db;

    /** The primitives of one batch size. */
    private static final class Ops implements AutoCloseable {
        DnnlOp forward;
        DnnlOp toForwardWeights;
        DnnlOp backwardData;
        DnnlOp toDataWeights;
        boolean dataWeightsAsForward;
        DnnlOp backwardWeights;
        DnnlOp fromDiffWeights;
        long forwardWeightFloats;
        long dataWeightFloats;
        long diffWeightFloats;

        @Override
        public void close() {
            for (DnnlOp op : new DnnlOp[] {forward, toForwardWeights, backwardData, toDataWeights, backwardWeights,
                fromDiffWeights}) {
                if (op != null) {
                    op.close();
                }
            }
        }
    }

    DnnlConvKernel(LayerNode node, ParameterViews views, dnnl_stream stream, boolean direct) {
        this.node = node;
        this.conv = (LayerOp.Conv) node.op();
        this.stream = stream;
        this.direct = direct;
        long cin = node.input().channels();
        this.w = views.param("W", conv.channels(), cin, conv.kernelH(), conv.kernelW());
        this.dw = views.grad("W", conv.channels(), cin, conv.kernelH(), conv.kernelW());
        this.b = conv.bias() ? views.param("b", conv.channels()) : null;
        this.db = conv.bias() ? views.grad("b", conv.channels()) : null;
    }

    private Ops ops(PassBuffers pass) {
        return pass.scratch(node.index(), "dnnl", () -> build(pass.batch(), node.from() >= 0));
    }

    private Ops build(int batch, boolean dataGradient) {
        Dnnl dnnl = Dnnl.get();
        dnnl_memory_desc_t src = Dnnl.desc(node.input(), batch);
        dnnl_memory_desc_t dst = Dnnl.desc(node.output(), batch);
        long[] wDims = {conv.channels(), node.input().channels(), conv.kernelH(), conv.kernelW()};
        dnnl_memory_desc_t anyWeights = Dnnl.desc(wDims, dnnl_format_tag_any);
        dnnl_memory_desc_t user = Dnnl.desc(wDims, dnnl_oihw);
        dnnl_memory_desc_t bias = conv.bias() ? Dnnl.desc(new long[] {conv.channels()}, dnnl_x) : null;
        // oneDNN's choice: Winograd for 3×3 stride-1 convolutions where it is faster, direct elsewhere
        int algorithm = direct ? dnnl_convolution_direct
            : dnnl_convolution_auto;
        long[] strides = {conv.strideH(), conv.strideW()};
        long[] pad = {conv.padH(), conv.padW()};
        return DnnlOp.build(new Ops(), ops -> {
            dnnl_convolution_desc_t fd = new dnnl_convolution_desc_t();
            Dnnl.check(dnnl_convolution_forward_desc_init(fd, dnnl_forward_training, algorithm, src,
                anyWeights, bias, dst, strides, pad, pad), "describing a convolution");
            dnnl_primitive_desc fpd = dnnl.primitiveDesc(fd, null, "choosing a convolution");
            dnnl_memory_desc_t fw = Dnnl.query(fpd, dnnl_query_weights_md);
            ops.forwardWeightFloats = Dnnl.floats(fw);
            // each descriptor goes to its operation before anything else can fail
            ops.forward = bias != null
                ? DnnlOp.of(fpd, stream, "a convolution", DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, fw, DNNL_ARG_BIAS, bias,
                    DNNL_ARG_DST, dst)
                : DnnlOp.of(fpd, stream, "a convolution", DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, fw, DNNL_ARG_DST, dst);
            ops.toForwardWeights = Dnnl.same(fw, user) ? null : DnnlReorder.of(user, fw, stream);

            if (dataGradient) {
                dnnl_convolution_desc_t bd = new dnnl_convolution_desc_t();
                Dnnl.check(dnnl_convolution_backward_data_desc_init(bd, algorithm, src, anyWeights, dst,
                    strides, pad, pad), "describing a convolution's input gradient");
                dnnl_primitive_desc bdpd = dnnl.primitiveDesc(bd, fpd, "choosing a convolution's input gradient");
                dnnl_memory_desc_t dwd = Dnnl.query(bdpd, dnnl_query_weights_md);
                ops.dataWeightFloats = Dnnl.floats(dwd);
                ops.dataWeightsAsForward = Dnnl.same(dwd, fw);
                ops.backwardData = DnnlOp.of(bdpd, stream, "a convolution's input gradient", DNNL_ARG_DIFF_DST, dst,
                    DNNL_ARG_WEIGHTS, dwd, DNNL_ARG_DIFF_SRC, src);
                ops.toDataWeights = ops.dataWeightsAsForward || Dnnl.same(dwd, user) ? null
                    : DnnlReorder.of(user, dwd, stream);
            }

            dnnl_convolution_desc_t bw = new dnnl_convolution_desc_t();
            Dnnl.check(dnnl_convolution_backward_weights_desc_init(bw, algorithm, src, anyWeights, bias,
                dst, strides, pad, pad), "describing a convolution's weight gradient");
            dnnl_primitive_desc bwpd = dnnl.primitiveDesc(bw, fpd, "choosing a convolution's weight gradient");
            dnnl_memory_desc_t dwOut = Dnnl.query(bwpd, dnnl_query_diff_weights_md);
            ops.diffWeightFloats = Dnnl.floats(dwOut);
            ops.backwardWeights = bias != null
                ? DnnlOp.of(bwpd, stream, "a convolution's weight gradient", DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, dst,
                    DNNL_ARG_DIFF_WEIGHTS, dwOut, DNNL_ARG_DIFF_BIAS, bias)
                : DnnlOp.of(bwpd, stream, "a convolution's weight gradient", DNNL_ARG_SRC, src, DNNL_ARG_DIFF_DST, dst,
                    DNNL_ARG_DIFF_WEIGHTS, dwOut);
            ops.fromDiffWeights = Dnnl.same(dwOut, user) ? null : DnnlReorder.of(dwOut, user, stream);
        });
    }

    /** The weights in the forward primitive's layout, in an aligned buffer (updated at every step). */
    private INDArray forwardWeights(PassBuffers pass, Ops ops) {
        INDArray buf = pass.shared("weights", ops.forwardWeightFloats);
        if (ops.toForwardWeights == null) {
            buf.assign(w.reshape(buf.shape()));
        } else {
            ops.toForwardWeights.run(w, buf);
        }
        return buf;
    }

    /** The bias in an aligned buffer. */
    private INDArray bias(PassBuffers pass) {
        INDArray buf = pass.scratchArray(node.index(), "b", conv.channels());
        buf.assign(b);
        return buf;
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        Ops ops = ops(pass);
        INDArray weights = forwardWeights(pass, ops);
        INDArray x = pass.out(node.from());
        INDArray y = pass.out(node.index());
        if (b != null) {
            ops.forward.run(x, weights, bias(pass), y);
        } else {
            ops.forward.run(x, weights, y);
        }
    }

    @Override
    public void backward(PassBuffers pass) {
        Ops ops = ops(pass);
        INDArray x = pass.out(node.from());
        INDArray dz = pass.gradientAt(node.index());
        if (ops.backwardData != null) {
            // the staged weights are shared by all convolutions: stage this one's again
            INDArray weights;
            if (ops.dataWeightsAsForward) {
                weights = forwardWeights(pass, ops);
            } else {
                weights = pass.shared("weights", ops.dataWeightFloats);
                if (ops.toDataWeights == null) {
                    weights.assign(w.reshape(weights.shape()));
                } else {
                    ops.toDataWeights.run(w, weights);
                }
            }
            INDArray dx = pass.newGradient(node.from());
            ops.backwardData.run(dz, weights, dx);
            pass.addGradient(node.from(), dx);
        }
        INDArray dwBuf = pass.shared("weight gradient", ops.diffWeightFloats);
        if (db != null) {
            INDArray dbBuf = pass.scratchArray(node.index(), "db", conv.channels());
            ops.backwardWeights.run(x, dz, dwBuf, dbBuf);
            db.assign(dbBuf);
        } else {
            ops.backwardWeights.run(x, dz, dwBuf);
        }
        if (ops.fromDiffWeights != null) {
            ops.fromDiffWeights.run(dwBuf, dw);
        } else {
            dw.assign(dwBuf.reshape(dw.shape()));
        }
    }
}
