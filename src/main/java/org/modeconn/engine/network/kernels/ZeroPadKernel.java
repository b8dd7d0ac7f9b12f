package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Zeros around an image: the output is cleared and the input copied into its interior; the gradient is the
 * interior of the output's. With oneDNN the copies are reorders into and out of a sub-memory of the output in
 * its kept format (blocked formats block the channels only, so a spatial window of them is a sub-memory);
 * without it, views of the NCHW buffers.
 */
final class ZeroPadKernel implements NodeKernel {

    private final LayerNode node;
    private final LayerOp.ZeroPad pad;
    private final dnnl_stream stream;

    /** The two reorders of one batch size. */
    private static final class Ops implements AutoCloseable {
        DnnlOp in;
        DnnlOp out;

        @Override
        public void close() {
            if (in != null) {
                in.close();
            }
            if (out != null) {
                out.close();
            }
        }
    }

    ZeroPadKernel(LayerNode node, LayerOp.ZeroPad pad, dnnl_stream stream) {
        this.node = node;
        this.pad = pad;
        this.stream = stream;
    }

    private Ops ops(PassBuffers pass) {
        return pass.scratch(node.index(), "dnnl", () -> DnnlOp.build(new Ops(), ops -> {
            int batch = pass.batch();
            dnnl_memory_desc_t inner = Dnnl.desc(node.input(), batch);
            dnnl_memory_desc_t outer = Dnnl.desc(node.output(), batch);
            dnnl_memory_desc_t window = new dnnl_memory_desc_t();
            long[] dims = {batch, node.input().channels(), node.input().height(), node.input().width()};
            Dnnl.check(dnnl_memory_desc_init_submemory(window, outer, dims, new long[] {0, 0, pad.top(), pad.left()}),
                "describing the interior of a padded image");
            ops.in = DnnlReorder.of(inner, window, stream);
            ops.out = DnnlReorder.of(window, inner, stream);
        }));
    }

    /** The interior of an NCHW buffer of the output's shape. */
    private INDArray interior(INDArray padded) {
        return padded.get(NDArrayIndex.all(), NDArrayIndex.all(),
            NDArrayIndex.interval(pad.top(), pad.top() + node.input().height()),
            NDArrayIndex.interval(pad.left(), pad.left() + node.input().width()));
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        INDArray x = pass.out(node.from());
        INDArray y = pass.out(node.index());
        y.assign(0);
        if (stream != null) {
            ops(pass).in.run(x, y);
        } else {
            interior(y).assign(x);
        }
    }

    @Override
    public void backward(PassBuffers pass) {
        if (!pass.wantsGradient(node.from())) {
            return;
        }
        INDArray dz = pass.gradientAt(node.index());
        INDArray dx = pass.newGradient(node.from());
        if (stream != null) {
            ops(pass).out.run(dz, dx);
        } else {
            dx.assign(interior(dz));
        }
        pass.addGradient(node.from(), dx);
    }

    @Override
    public boolean needsInput() {
        return false;
    }
}
