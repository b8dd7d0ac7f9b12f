package org.modeconn.engine.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
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
final class DenseMlpPasses implements OwnPasses {

    /** Largest number of rows pushed through the passes at once when predicting: bounds the buffers. */
    static final int MAX_ROWS = 1024;

    /** The BatchNorm after a hidden dense layer: γ, β, running mean and variance, and their gradient slots. */
    private record Norm(INDArray gamma, INDArray beta, INDArray mean, INDArray var, INDArray dGamma,
            INDArray dBeta, INDArray dMean, INDArray dVar) {
    }

    /** Per-unit work arrays of one BatchNorm layer, allocated once rather than every step. */
    private static final class NormScratch {
        final double[] sum;
        final double[] sumProduct;
        final float[] mean;
        final float[] var;
        final float[] gamma;
        final float[] beta;
        final float[] runningMean;
        final float[] runningVar;
        final float[] meanDy;
        final float[] meanDyXHat;
        final float[] scale;
        final float[] dGamma;
        final float[] dBeta;

        NormScratch(int units) {
            sum = new double[units];
            sumProduct = new double[units];
            mean = new float[units];
            var = new float[units];
            gamma = new float[units];
            beta = new float[units];
            runningMean = new float[units];
            runningVar = new float[units];
            meanDy = new float[units];
            meanDyXHat = new float[units];
            scale = new float[units];
            dGamma = new float[units];
            dBeta = new float[units];
        }
    }

    /** The buffers of one batch size: native ones for the products, Java arrays for the rest. */
    private static final class Buffers {
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
    }

    private final List<DenseLayerViews> hidden = new ArrayList<>();
    private final List<Norm> norms = new ArrayList<>();
    private final List<NormScratch> normScratch = new ArrayList<>();
    private final DenseLayerViews output;
    private final boolean batchNorm;
    private final BuffersBySize<Buffers> buffers;
    private final Map<String, Integer> denseIndex = new HashMap<>();
    private final OpenBlasMatrices blas = new OpenBlasMatrices();
    private SharedFirstLayer sharedFirstLayer;
    private double[] sharedCoefficients;

    /**
     * The shape of a layer list these passes run: dense layers on a flat input, each followed by ReLU or by
     * BatchNorm and ReLU (all or none with BatchNorm), then the softmax classifier.
     *
     * @param widths the dense layers' widths
     * @param batchNorm whether they are followed by BatchNorm
     */
    record DenseStack(List<Integer> widths, boolean batchNorm) {

        /** The stack {@code layers} is, or null where it is something else. */
        static DenseStack of(NetworkLayers layers) {
            if (layers.input().image()) {
                return null;
            }
            List<LayerNode> nodes = layers.nodes();
            List<Integer> widths = new ArrayList<>();
            Boolean bn = null;
            int i = 0;
            while (i < nodes.size() - 1) {
                if (!(nodes.get(i).op() instanceof LayerOp.Dense d) || !d.bias()) {
                    return null;
                }
                boolean norm = nodes.get(i + 1).op() instanceof LayerOp.BatchNorm;
                if (bn != null && bn != norm) {
                    return null;
                }
                bn = norm;
                int relu = i + (norm ? 2 : 1);
                if (relu >= nodes.size() || !(nodes.get(relu).op() instanceof LayerOp.Relu)) {
                    return null;
                }
                widths.add(d.units());
                i = relu + 1;
            }
            return nodes.get(i).op() instanceof LayerOp.SoftmaxOutput
                ? new DenseStack(widths, bn != null && bn) : null;
        }

        String describe() {
            return (batchNorm ? "mlpbn:" : "mlp:") + widths;
        }
    }

    private DenseMlpPasses(DenseStack spec, ParameterLayout layout, INDArray params, INDArray grads) {
        this.batchNorm = spec.batchNorm() && !spec.widths().isEmpty();
        DenseLayerViews out = null;
        for (Map.Entry<String, Map<String, ParameterBlock>> e : DenseLayerViews.blocksByLayer(layout).entrySet()) {
            String layer = e.getKey();
            Map<String, ParameterBlock> p = e.getValue();
            if (p.containsKey("W")) {
                DenseLayerViews d = DenseLayerViews.dense(layer, p, params, grads);
                if (layer.equals(NetworkBuilder.OUTPUT)) {
                    out = d;
                } else {
                    denseIndex.put(layer, hidden.size());
                    hidden.add(d);
                }
            } else if (p.containsKey("gamma")) {
                List<INDArray> v = DenseLayerViews.rows(params, p, "gamma", "beta", "mean", "var");
                List<INDArray> g = DenseLayerViews.rows(grads, p, "gamma", "beta", "mean", "var");
                norms.add(new Norm(v.get(0), v.get(1), v.get(2), v.get(3), g.get(0), g.get(1), g.get(2), g.get(3)));
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
        for (int i = 0; i < norms.size(); i++) {
            normScratch.add(new NormScratch(hidden.get(i).nOut()));
        }
        this.buffers = new BuffersBySize<>(4, batch -> new Buffers(batch, hidden, output, batchNorm));
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
    void useSharedFirstLayer(SharedFirstLayer shared, double[] coefficients) {
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
    public Dl4jNetwork.BatchResult computeGradient(INDArray features, int[] labelIndices) {
        int batch = (int) features.size(0);
        Buffers buf = buffers.of(batch);
        forward(features, buf, true, true, false);
        float[] p = buf.out;
        OpenBlasMatrices.load(buf.logits, p);
        Dl4jNetwork.BatchResult result = SoftmaxCrossEntropy.lossAndGradient(p, labelIndices, batch, output.nOut());
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
                normalise(i, act, buf, training, updateStatistics);
            }
            Relu.forward(act, act.length);
            OpenBlasMatrices.store(act, buf.a[i]);
            in = buf.a[i];
        }
        blas.affine(in, output.w(), output.b(), buf.logits);
    }

    /** In place: z → γ·x̂ + β, with x̂ and 1/σ kept for the backward pass. */
    private void normalise(int i, float[] z, Buffers buf, boolean training, boolean updateStatistics) {
        Norm n = norms.get(i);
        int units = hidden.get(i).nOut();
        int batch = buf.batch;
        NormScratch w = normScratch.get(i);
        float[] mean = w.mean;
        float[] var = w.var;
        if (training) {
            double[] sum = w.sum;
            Arrays.fill(sum, 0);
            for (int r = 0; r < batch; r++) {
                int base = r * units;
                for (int j = 0; j < units; j++) {
                    sum[j] += z[base + j];
                }
            }
            for (int j = 0; j < units; j++) {
                mean[j] = (float) (sum[j] / batch);
                sum[j] = 0;
            }
            for (int r = 0; r < batch; r++) {
                int base = r * units;
                for (int j = 0; j < units; j++) {
                    double c = z[base + j] - mean[j];
                    sum[j] += c * c;
                }
            }
            for (int j = 0; j < units; j++) {
                var[j] = (float) (sum[j] / batch);
            }
        } else {
            OpenBlasMatrices.load(n.mean(), mean);
            OpenBlasMatrices.load(n.var(), var);
        }
        float[] gamma = w.gamma;
        float[] beta = w.beta;
        OpenBlasMatrices.load(n.gamma(), gamma);
        OpenBlasMatrices.load(n.beta(), beta);
        float[] invStd = buf.invStd[i];
        for (int j = 0; j < units; j++) {
            invStd[j] = (float) (1 / Math.sqrt(var[j] + org.modeconn.engine.network.layers.BatchNormConvention.EPSILON));
        }
        float[] xHat = buf.xHat[i];
        for (int r = 0; r < batch; r++) {
            int base = r * units;
            for (int j = 0; j < units; j++) {
                float x = (z[base + j] - mean[j]) * invStd[j];
                xHat[base + j] = x;
                z[base + j] = gamma[j] * x + beta[j];
            }
        }
        if (updateStatistics) {
            // Deeplearning4j's convention for these slots, applied by the optimiser:
            // running ← running − (1 − d)(running − batch), with the unbiased batch variance, as PyTorch keeps it.
            float keep = (float) org.modeconn.engine.network.layers.BatchNormConvention.MOMENTUM;
            float unbias = batch > 1 ? (float) batch / (batch - 1) : 1f;
            float[] runningMean = w.runningMean;
            float[] runningVar = w.runningVar;
            OpenBlasMatrices.load(n.mean(), runningMean);
            OpenBlasMatrices.load(n.var(), runningVar);
            for (int j = 0; j < units; j++) {
                runningMean[j] = keep * (runningMean[j] - mean[j]);
                runningVar[j] = keep * (runningVar[j] - var[j] * unbias);
            }
            OpenBlasMatrices.store(runningMean, n.dMean());
            OpenBlasMatrices.store(runningVar, n.dVar());
        }
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
                backwardNorm(i, g, buf);
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

    /** In place, dL/dy → dL/dz through y = γ·x̂ + β: dz = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂)). */
    private void backwardNorm(int i, float[] g, Buffers buf) {
        Norm n = norms.get(i);
        int units = hidden.get(i).nOut();
        int batch = buf.batch;
        float[] xHat = buf.xHat[i];
        NormScratch w = normScratch.get(i);
        double[] dBeta = w.sum;
        double[] dGamma = w.sumProduct;
        Arrays.fill(dBeta, 0);
        Arrays.fill(dGamma, 0);
        for (int r = 0; r < batch; r++) {
            int base = r * units;
            for (int j = 0; j < units; j++) {
                dBeta[j] += g[base + j];
                dGamma[j] += g[base + j] * xHat[base + j];
            }
        }
        float[] gamma = w.gamma;
        OpenBlasMatrices.load(n.gamma(), gamma);
        float[] meanDy = w.meanDy;
        float[] meanDyXHat = w.meanDyXHat;
        float[] scale = w.scale;
        float[] dGammaOut = w.dGamma;
        float[] dBetaOut = w.dBeta;
        for (int j = 0; j < units; j++) {
            meanDy[j] = (float) (dBeta[j] / batch);
            meanDyXHat[j] = (float) (dGamma[j] / batch);
            scale[j] = gamma[j] * buf.invStd[i][j];
            dGammaOut[j] = (float) dGamma[j];
            dBetaOut[j] = (float) dBeta[j];
        }
        for (int r = 0; r < batch; r++) {
            int base = r * units;
            for (int j = 0; j < units; j++) {
                g[base + j] = scale[j] * (g[base + j] - meanDy[j] - xHat[base + j] * meanDyXHat[j]);
            }
        }
        OpenBlasMatrices.store(dGammaOut, n.dGamma());
        OpenBlasMatrices.store(dBetaOut, n.dBeta());
    }
}
