package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;

import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.TensorShape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer as OpenBLAS products on the weight view itself: z = x·W + b forward, dW = xᵀ·dz,
 * db = Σ dz, dx = dz·Wᵀ backward; an image input is read as its flat C, H, W rows.
 */
class DenseKernel implements NodeKernel {

    protected final LayerNode node;
    protected final long nIn;
    protected final long nOut;
    protected final INDArray w;
    protected final INDArray b;
    protected final INDArray dw;
    protected final INDArray db;
    protected final OpenBlasMatrices blas = new OpenBlasMatrices();
    /** Reorders an input image kept in oneDNN's blocked format to C, H, W rows (null where it is not). */
    private final dnnl_stream stream;

    /** The reorders of one batch size between the blocked input and its rows. */
    private static final class Reorders implements AutoCloseable {
        DnnlOp toRows;
        DnnlOp fromRows;

        @Override
        public void close() {
            toRows.close();
            fromRows.close();
        }
    }

    DenseKernel(LayerNode node, ParameterViews views, dnnl_stream stream) {
        this.node = node;
        TensorShape in = node.input();
        this.stream = stream != null && in.image() && in.positions() > 1 && Dnnl.formatOf(in) != dnnl_nchw
            ? stream : null;
        this.nIn = node.input().size();
        this.nOut = node.output().channels();
        this.w = views.denseWeights(views.params(), nIn, nOut);
        this.dw = views.denseWeights(views.grads(), nIn, nOut);
        // a dense layer without a bias (imported: torch.nn.Linear(bias=False)) has no bias block
        this.b = views.has("b") ? views.param("b", 1, nOut) : null;
        this.db = views.has("b") ? views.grad("b", 1, nOut) : null;
    }

    private Reorders reorders(PassBuffers pass) {
        return pass.scratch(node.index(), "reorders", () -> {
            long[] dims = {pass.batch(), node.input().channels(), node.input().height(), node.input().width()};
            Reorders r = new Reorders();
            r.toRows = DnnlReorder.of(Dnnl.desc(node.input(), pass.batch()), Dnnl.desc(dims, dnnl_nchw), stream);
            r.fromRows = DnnlReorder.of(Dnnl.desc(dims, dnnl_nchw), Dnnl.desc(node.input(), pass.batch()), stream);
            return r;
        });
    }

    /** The input as rows [B, nIn]: a view, or its reorder out of the blocked format. */
    protected INDArray rows(PassBuffers pass) {
        INDArray x = pass.out(node.from());
        if (stream == null) {
            return x.reshape('c', pass.batch(), nIn);
        }
        INDArray rows = pass.scratchArray(node.index(), "rows", pass.batch(), nIn);
        reorders(pass).toRows.run(x, rows);
        return rows;
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        blas.affine(rows(pass), w, b, pass.out(node.index()));
    }

    @Override
    public void backward(PassBuffers pass) {
        backwardFrom(pass, pass.gradientAt(node.index()));
    }

    /** The backward pass from the gradient {@code dz} [B, nOut] at the layer's output. */
    protected void backwardFrom(PassBuffers pass, INDArray dz) {
        INDArray x = rows(pass);
        blas.weightGradient(x, dz, dw);
        if (db != null) {
            blas.biasGradient(dz, db);
        }
        if (pass.wantsGradient(node.from())) {
            INDArray dx = pass.newGradient(node.from());
            if (stream == null) {
                blas.inputGradient(dz, w, dx.reshape('c', pass.batch(), nIn));
            } else {
                INDArray rows = pass.scratchArray(node.index(), "dRows", pass.batch(), nIn);
                blas.inputGradient(dz, w, rows);
                reorders(pass).fromRows.run(rows, dx);
            }
            pass.addGradient(node.from(), dx);
        }
    }
}
