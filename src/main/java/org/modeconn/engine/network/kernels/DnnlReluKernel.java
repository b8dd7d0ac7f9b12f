package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * max(x, 0) by oneDNN's element-wise primitives over the whole buffer (whatever its layout), in place
 * where the input is needed nowhere else; the backward pass masks by the output, in the gradient's buffer.
 */
final class DnnlReluKernel implements NodeKernel {

    private final LayerNode node;
    private final dnnl_stream stream;

    /** The primitives of one batch size. */
    private static final class Ops implements AutoCloseable {
        DnnlOp forward;
        DnnlOp backward;

        @Override
        public void close() {
            forward.close();
            backward.close();
        }
    }

    DnnlReluKernel(LayerNode node, dnnl_stream stream) {
        this.node = node;
        this.stream = stream;
    }

    private Ops ops(PassBuffers pass) {
        return pass.scratch(node.index(), "dnnl", () -> {
            Dnnl dnnl = Dnnl.get();
            dnnl_memory_desc_t data = Dnnl.desc(new long[] {(long) pass.batch() * node.output().size()}, dnnl_x);
            return DnnlOp.build(new Ops(), ops -> {
                dnnl_eltwise_desc_t f = new dnnl_eltwise_desc_t();
                Dnnl.check(dnnl_eltwise_forward_desc_init(f, dnnl_forward_training, dnnl_eltwise_relu_use_dst_for_bwd,
                    data, 0f, 0f), "describing a ReLU");
                dnnl_primitive_desc fpd = dnnl.primitiveDesc(f, null, "choosing a ReLU");
                ops.forward = DnnlOp.of(fpd, stream, "a ReLU", DNNL_ARG_SRC, data, DNNL_ARG_DST, data);
                dnnl_eltwise_desc_t b = new dnnl_eltwise_desc_t();
                Dnnl.check(dnnl_eltwise_backward_desc_init(b, dnnl_eltwise_relu_use_dst_for_bwd, data, data, 0f, 0f),
                    "describing a ReLU's gradient");
                ops.backward = DnnlOp.of(dnnl.primitiveDesc(b, fpd, "choosing a ReLU's gradient"), stream,
                    "a ReLU's gradient", DNNL_ARG_DST, data, DNNL_ARG_DIFF_DST, data, DNNL_ARG_DIFF_SRC, data);
            });
        });
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        ops(pass).forward.run(pass.out(node.from()), pass.out(node.index()));
    }

    @Override
    public void backward(PassBuffers pass) {
        INDArray g = pass.takeGradient(node.index());
        ops(pass).backward.run(pass.out(node.index()), g, g);
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
