package org.modeconn.engine.network.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first dense layer's pre-activations of fixed data under a few fixed parameter vectors (a curve's
 * bends, a line's ends, a plane's origin and axes). Every point w = Σ c_k·w_k of such a family has
 * first-layer pre-activations X·W(w) + b(w) = Σ c_k·(X·W_k + b_k), so evaluating many points (31 along a
 * curve, 441 on a plane) needs the first layer's product, most of an MLP's arithmetic, once per vector
 * instead of once per point. Read-only once built: the evaluating workers share one.
 */
public final class SharedFirstLayer {

    /** One dataset's feature matrix and its pre-activations under each basis vector. */
    private record Source(DataBuffer root, long offset, long rows, long width, float[][] products) {
    }

    private final List<float[]> basis;
    private final List<Source> sources = new ArrayList<>();
    private final int units;

    private SharedFirstLayer(List<float[]> basis, int units) {
        this.basis = List.copyOf(basis);
        this.units = units;
    }

    /**
     * The shared first layer of {@code spec}'s networks for these basis vectors and feature matrices, where
     * the engine's own MLP passes run (with at least one hidden layer); empty elsewhere, and callers then
     * set each point's parameters as usual.
     *
     * @param spec the architecture
     * @param basis full flat parameter vectors w_k of the family
     * @param data whole feature matrices [N, d] (row-major) whose row slices the points will be evaluated on
     * @param choice the run's kernels: the shared layer is the engine's own passes' (empty under Deeplearning4j's)
     */
    public static Optional<SharedFirstLayer> of(NetworkSpec spec, List<float[]> basis, List<INDArray> data,
            KernelChoice choice) {
        DenseStack stack = DenseStack.of(spec.layers());
        if (stack == null || stack.widths().isEmpty() || basis.isEmpty()) {
            return Optional.empty();
        }
        if (!choice.ownPasses()) {
            return Optional.empty();
        }
        ParameterLayout layout = ParameterLayouts.layoutOf(spec);
        INDArray params = Nd4j.create(DataType.FLOAT, 1, layout.size());
        INDArray grads = Nd4j.create(DataType.FLOAT, 1, layout.size());
        try {
            DenseMlpPasses passes = DenseMlpPasses.forNetwork(spec, layout, params, grads);
            if (passes == null) {
                return Optional.empty();
            }
            SharedFirstLayer shared = new SharedFirstLayer(basis, stack.widths().get(0));
            for (INDArray x : data) {
                INDArray rows = OpenBlasMatrices.denseRows(x);
                if (rows != x) {
                    throw new IllegalArgumentException("the shared first layer needs row-major float features");
                }
                float[][] products = new float[basis.size()][];
                INDArray z = Nd4j.createUninitialized(DataType.FLOAT, x.size(0), shared.units);
                for (int k = 0; k < basis.size(); k++) {
                    INDArray values = Nd4j.createFromArray(basis.get(k));
                    params.assign(values.reshape(1, layout.size()));
                    values.close();
                    passes.firstLayer(x, z);
                    products[k] = new float[(int) z.length()];
                    OpenBlasMatrices.load(z, products[k]);
                }
                z.close();
                shared.sources.add(new Source(root(x), offsetInRoot(x), x.size(0), x.size(1), products));
            }
            return Optional.of(shared);
        } finally {
            params.close();
            grads.close();
        }
    }

    /**
     * The buffer an array's values live in: the data matrices are matched by this buffer's identity (it
     * stays referenced here, so it cannot be freed and its memory reused while the sharing lasts), not by
     * a native address.
     */
    private static DataBuffer root(INDArray a) {
        DataBuffer original = a.data().originalDataBuffer();
        return original != null ? original : a.data();
    }

    /** Where an array's first value lies in its {@link #root}, in values. */
    private static long offsetInRoot(INDArray a) {
        return a.data().originalDataBuffer() != null ? a.data().offset() : 0;
    }

    /** The number of basis vectors. */
    public int size() {
        return basis.size();
    }

    /** Σ c_k·w_k, the point's full parameter vector. */
    public float[] combine(double[] coefficients) {
        checkCoefficients(coefficients);
        float[] p = new float[basis.get(0).length];
        for (int i = 0; i < p.length; i++) {
            double v = 0;
            for (int k = 0; k < coefficients.length; k++) {
                v += coefficients[k] * basis.get(k)[i];
            }
            p[i] = (float) v;
        }
        return p;
    }

    private void checkCoefficients(double[] coefficients) {
        if (coefficients.length != basis.size()) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + basis.size() + " vectors");
        }
    }

    /**
     * Writes the pre-activations Σ c_k·(X·W_k + b_k) of {@code features}' rows into {@code into} [B·units]
     * and returns true, when {@code features} is a row slice of one of the shared feature matrices; returns
     * false (and writes nothing) otherwise.
     */
    boolean preActivations(INDArray features, double[] coefficients, float[] into) {
        if (features.rank() != 2 || features.dataType() != DataType.FLOAT || features.stride(1) != 1) {
            return false;
        }
        DataBuffer root = root(features);
        long at = offsetInRoot(features);
        for (Source s : sources) {
            long offset = at - s.offset();
            boolean rowMajor = features.stride(0) == s.width() || features.size(0) == 1;
            if (root != s.root() || features.size(1) != s.width() || !rowMajor || offset < 0
                || offset % s.width() != 0 || offset / s.width() + features.size(0) > s.rows()) {
                continue;
            }
            int from = (int) (offset / s.width()) * units;
            int length = (int) features.size(0) * units;
            // one vector at a time, so that each loop is a vectorised multiply-add
            float first = (float) coefficients[0];
            float[] p0 = s.products()[0];
            for (int j = 0; j < length; j++) {
                into[j] = first * p0[from + j];
            }
            for (int k = 1; k < coefficients.length; k++) {
                float ck = (float) coefficients[k];
                float[] pk = s.products()[k];
                for (int j = 0; j < length; j++) {
                    into[j] += ck * pk[from + j];
                }
            }
            return true;
        }
        return false;
    }
}
