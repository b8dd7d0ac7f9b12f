package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.OpenBlasMatrices;
import org.modeconn.engine.network.layers.LayerNode;
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

    DenseKernel(LayerNode node, ParameterViews views) {
        this.node = node;
        this.nIn = node.input().size();
        this.nOut = node.output().channels();
        this.w = views.denseWeights(views.params(), nIn, nOut);
        this.dw = views.denseWeights(views.grads(), nIn, nOut);
        if (!views.has("b")) {
            throw new IllegalStateException("dense layers without a bias are not supported by the CPU kernels");
        }
        this.b = views.param("b", 1, nOut);
        this.db = views.grad("b", 1, nOut);
    }

    /** The input as rows [B, nIn] (a view). */
    protected INDArray rows(PassBuffers pass) {
        return pass.out(node.from()).reshape('c', pass.batch(), nIn);
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
        blas.biasGradient(dz, db);
        if (pass.wantsGradient(node.from())) {
            INDArray dx = pass.newGradient(node.from());
            blas.inputGradient(dz, w, dx.reshape('c', pass.batch(), nIn));
            pass.addGradient(node.from(), dx);
        }
    }
}
