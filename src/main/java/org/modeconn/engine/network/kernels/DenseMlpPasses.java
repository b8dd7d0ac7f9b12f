package org.modeconn.engine.network.kernels;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modeconn.engine.backend.NativeArrays;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.MlpSpec;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward passes of a stack of dense layers (an {@link MlpSpec} network) on the CPU: one OpenBLAS product per layer
 * and direction on views of the Deeplearning4j graph's own flat parameter and gradient vectors, the
 * element-wise work (bias, BatchNorm, ReLU, softmax, loss) as Java loops, every batch-sized buffer
 * allocated once. Deeplearning4j's generic layers spend more on bookkeeping than on arithmetic for
 * networks of this size (an MLP step twice, an MLPBN step three times its matrix products); this does the
 * same arithmetic in the same parameter layout, so optimisers, curves and files see no difference.
 * BatchNorm keeps its running statistics as the reference does (PyTorch: momentum 0.1, unbiased batch
 * variance) and reports their change in the gradient slots, as Deeplearning4j does. Not thread-safe,
 * like the network that owns it.
 */
final class DenseMlpPasses implements OwnPasses, AutoCloseable {

    /** Largest number of rows pushed through the passes at once when predicting: bounds the buffers. */
    static final int MAX_ROWS = 1024;

    /** The buffers of one batch size: native ones for the products, Java arrays for the rest. */
    private static final class Buffers implements AutoCloseable {
        final int batch;
        final INDArray[] z;        // pre-activations [B, n], product outputs
        final INDArray[] a;        // activations [B, n], product inputs
        final INDArray[] delta;    // loss gradient at the pre-activations [B, n]
        final INDArray logits;
        final INDArray outputDelta;
        final float[][] act;       // activations, Java side (the ReLU mask of the backward pass)
        final float[][] xHat;      // normalised pre-activations (BatchNorm layers)
        final float[][] invStd;    // 1/√(σ² + ε) per unit (BatchNorm layers)
        final float[] scratch;
        final float[] out;

        Buffers(int batch, List<DenseLayerViews> hidden, DenseLayerViews output, boolean batchNorm) {
            this.batch = batch;
            int layers = hidden.size();
            z = new INDArray[layers];
            a = new INDArray[layers];
            delta = new INDArray[layers];
            act = new float[layers][];
            xHat = new float[layers][];
            invStd = new float[layers][];
            int widest = output.nOut();
            for (int i = 0; i < layers; i++) {
                int n = hidden.get(i).nOut();
                widest = Math.max(widest, n);
                z[i] = Nd4j.createUninitialized(DataType.FLOAT, batch, n);
                a[i] = Nd4j.createUninitialized(DataType.FLOAT, batch, n);
                delta[i] = Nd4j.createUninitialized(DataType.FLOAT, batch, n);
                act[i] = new float[batch * n];
                xHat[i] = batchNorm ? new float[batch * n] : null;
                invStd[i] = batchNorm ? new float[n] : null;
            }
            logits = Nd4j.createUninitialized(DataType.FLOAT, batch, output.nOut());
            outputDelta = Nd4j.createUninitialized(DataType.FLOAT, batch, output.nOut());
            scratch = new float[batch * widest];
            out = new float[batch * output.nOut()];
        }

        /** The native arrays of this batch size. */
        List<INDArray> arrays() {
            List<INDArray> all = new ArrayList<>(List.of(z));
            all.addAll(List.of(a));
            all.addAll(List.of(delta));
            all.add(logits);
            all.add(outputDelta);
            return all;
        }

        @Override
        public void close() {
            arrays().forEach(NativeArrays::free);
        }
    }

    private final List<DenseLayerViews> hidden = new ArrayList<>();
    private final List<DenseBatchNorm> norms = new ArrayList<>();
    private final List<String> normNames = new ArrayList<>();
    private final DenseLayerViews output;
    private final boolean batchNorm;
    private final BuffersBySize<Buffers> buffers;
    private final Map<String, Integer> denseIndex = new HashMap<>();
    private final OpenBlasMatrices blas = new OpenBlasMatrices();
    private SharedFirstLayer sharedFirstLayer;
    private double[] sharedCoefficients;

    private DenseMlpPasses(DenseStack spec, ParameterLayout layout, INDArray params, INDArray grads) {
        this.batchNorm = spec.batchNorm() && !spec.widths().isEmpty();
        DenseLayerViews out = null;
        for (Map.Entry<String, Map<String, ParameterBlock>> e : DenseLayerViews.blocksByLayer(layout).entrySet()) {
            String layer = e.getKey();
            Map<String, ParameterBlock> p = e.getValue();
            if (p.containsKey("W")) {
                DenseLayerViews d = DenseLayerViews.dense(layer, p, params, grads);
                if (layer.equals(NetworkLayers.OUTPUT)) {
                    out = d;
                } else {
                    denseIndex.put(layer, hidden.size());
                    hidden.add(d);
                }
            } else if (p.containsKey("gamma")) {
                List<INDArray> v = DenseLayerViews.rows(params, p, "gamma", "beta", "mean", "var");
                List<INDArray> g = DenseLayerViews.rows(grads, p, "gamma", "beta", "mean", "var");
                norms.add(new DenseBatchNorm(v, g));
                normNames.add(layer);
            } else {
                throw new IllegalStateException("unexpected parameters " + p.keySet() + " in layer " + layer);
            }
        }
        if (out == null || hidden.size() != spec.widths().size() || (batchNorm && norms.size() != hidden.size())) {
            throw new IllegalStateException("the graph's layers do not match " + spec.describe());
        }
        this.output = out;
        // The blocks come in data-flow order; a mismatch would mean the layout is not what this code reads.
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i).nOut() != spec.widths().get(i) || (i > 0 && hidden.get(i).nIn() != hidden.get(i - 1).nOut())) {
                throw new IllegalStateException("hidden layer " + i + " of the graph does not match " + spec.describe());
            }
        }
        int lastWidth = hidden.isEmpty() ? -1 : hidden.get(hidden.size() - 1).nOut();
        if (!hidden.isEmpty() && output.nIn() != lastWidth) {
            throw new IllegalStateException("the output layer of the graph does not match " + spec.describe());
        }
        this.buffers = new BuffersBySize<>(4, batch -> new Buffers(batch, hidden, output, batchNorm));
    }

    /** The native buffers of every batch size kept now, for the tests. */
    List<DataBuffer> madeBuffers() {
        List<DataBuffer> out = new ArrayList<>();
        buffers.values().forEach(b -> b.arrays().forEach(x -> out.add(NativeArrays.allocation(x))));
        return out;
    }

    /** Frees every batch size's buffers. */
    @Override
    public void close() {
        buffers.clear();
    }

    /** The passes for {@code spec}'s graph, or null where they do not apply (not a dense stack, not OpenBLAS). */
    static DenseMlpPasses forNetwork(NetworkSpec spec, ParameterLayout layout, INDArray params, INDArray grads) {
        DenseStack stack = DenseStack.of(spec.layers());
        if (stack == null || !OpenBlasMatrices.available()) {
            return null;
        }
        return new DenseMlpPasses(stack, layout, params, grads);
    }

    /**
     * From now on, inference passes (not training steps) on rows of {@code shared}'s data take their first
     * layer from it as the combination {@code coefficients}; null clears that.
     */
    @Override
    public void useSharedFirstLayer(SharedFirstLayer shared, double[] coefficients) {
        sharedFirstLayer = shared;
        sharedCoefficients = coefficients == null ? null : coefficients.clone();
    }

    /** The first hidden layer's pre-activations z = x·W + b of the whole of {@code features}, into {@code z}. */
    void firstLayer(INDArray features, INDArray z) {
        DenseLayerViews d = hidden.get(0);
        blas.affine(OpenBlasMatrices.denseRows(features), d.w(), d.b(), z);
    }

    /**
     * A training step's passes: forward with batch statistics, mean softmax cross-entropy, backward into
     * the gradient vector (of the mean over the batch), BatchNorm running-statistic changes into their slots.
     *
     * @return the mean loss and the number of misclassified rows
     */
    @Override
    public BatchResult computeGradient(INDArray features, int[] labelIndices) {
        int batch = (int) features.size(0);
        Buffers buf = buffers.of(batch);
        forward(features, buf, true, true, false);
        float[] p = buf.out;
        OpenBlasMatrices.load(buf.logits, p);
        BatchResult result = SoftmaxCrossEntropy.lossAndGradient(p, labelIndices, batch, output.nOut());
        OpenBlasMatrices.store(p, buf.outputDelta);
        backward(features, buf);
        return result;
    }

    /** BatchNorm, where present, on its running statistics. */
    @Override
    public INDArray predict(INDArray features) {
        return OwnPasses.predictInChunks(features, MAX_ROWS, output.nOut(), (chunk, logits) -> {
            Buffers buf = buffers.of((int) chunk.size(0));
            forward(chunk, buf, false, false, true);
            OpenBlasMatrices.load(buf.logits, logits);
        });
    }

    @Override
    public INDArray[] trainingActivations(List<String> layers, INDArray features) {
        Buffers buf = buffers.of((int) features.size(0));
        forward(features, buf, true, false, true);
        INDArray[] out = new INDArray[layers.size()];
        for (int i = 0; i < out.length; i++) {
            Integer index = denseIndex.get(layers.get(i));
            if (index == null) {
                throw new IllegalArgumentException("no hidden dense layer named " + layers.get(i));
            }
            out[i] = buf.z[index].dup();
        }
        return out;
    }

    /** From the pre-activations of the dense layer before each BatchNorm, on training-mode passes. */
    @Override
    public Map<String, float[][]> batchNormStatistics(INDArray features) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        if (!batchNorm) {
            return out;
        }
        // read from the pass's own pre-activation buffers: no copy per layer and batch
        Buffers buf = buffers.of((int) features.size(0));
        forward(features, buf, true, false, true);
        for (int i = 0; i < norms.size(); i++) {
            out.put(normNames.get(i), ChannelStatistics.of(buf.z[i]));
        }
        return out;
    }

    private void forward(INDArray features, Buffers buf, boolean training, boolean updateStatistics,
            boolean mayShare) {
        INDArray in = OpenBlasMatrices.denseRows(features);
        for (int i = 0; i < hidden.size(); i++) {
            DenseLayerViews d = hidden.get(i);
            float[] act = buf.act[i];
            if (i == 0 && mayShare && sharedFirstLayer != null
                && sharedFirstLayer.preActivations(features, sharedCoefficients, act)) {
                OpenBlasMatrices.store(act, buf.z[i]);
            } else {
                blas.affine(in, d.w(), d.b(), buf.z[i]);
                OpenBlasMatrices.load(buf.z[i], act);
            }
            if (batchNorm) {
                norms.get(i).normalise(act, buf.batch, buf.xHat[i], buf.invStd[i], training, updateStatistics);
            }
            Relu.forward(act, act.length);
            OpenBlasMatrices.store(act, buf.a[i]);
            in = buf.a[i];
        }
        blas.affine(in, output.w(), output.b(), buf.logits);
    }

    private void backward(INDArray features, Buffers buf) {
        int last = hidden.size() - 1;
        INDArray top = last >= 0 ? buf.a[last] : features;
        blas.weightGradient(top, buf.outputDelta, output.dw());
        blas.biasGradient(buf.outputDelta, output.db());
        if (last < 0) {
            return;
        }
        blas.inputGradient(buf.outputDelta, output.w(), buf.delta[last]);
        for (int i = last; i >= 0; i--) {
            DenseLayerViews d = hidden.get(i);
            float[] g = buf.scratch;
            OpenBlasMatrices.load(buf.delta[i], g);
            float[] act = buf.act[i];
            Relu.backward(g, act, act.length);
            if (batchNorm) {
                norms.get(i).backward(g, buf.batch, buf.xHat[i], buf.invStd[i]);
            }
            OpenBlasMatrices.store(g, buf.delta[i]);
            INDArray below = i > 0 ? buf.a[i - 1] : features;
            blas.weightGradient(below, buf.delta[i], d.dw());
            blas.biasGradient(buf.delta[i], d.db());
            if (i > 0) {
                blas.inputGradient(buf.delta[i], d.w(), buf.delta[i - 1]);
            }
        }
    }
}
