package org.modeconn.engine.network.kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.TensorShape;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward passes of any {@link NetworkLayers} list on the CPU, one {@link NodeKernel} per
 * operation, on views of the network's flat parameter and gradient vectors. Buffers are made once per
 * batch size and freed when it is dropped or the passes are closed; a ReLU, a residual sum or a dropout
 * works in its input's buffer where nothing else needs that input, and gradients are pooled by shape, so
 * that a training step holds the activations the backward pass needs and a few gradients. Not
 * thread-safe, like the network that owns it.
 */
public final class LayerPasses implements OwnPasses, AutoCloseable {

    /**
     * Largest number of rows pushed through the passes at once when predicting; callers that chunk data
     * themselves use multiples of it, so that an evaluation meets few batch sizes (each has its own buffers
     * and primitives, and only a few are kept).
     */
    public static final int MAX_ROWS = 128;

    private final NetworkLayers layers;
    private final NodeKernel[] kernels;
    private final BufferPlan plan;
    private final SoftmaxOutputKernel output;
    private final Map<String, BatchStatistics> batchNorms = new LinkedHashMap<>();
    private final List<DropoutKernel> dropouts = new ArrayList<>();
    private final BuffersBySize<PassBuffers> buffers;
    private final BuffersBySize<PassBuffers> inferenceBuffers;
    private final dnnl_stream stream;
    private int primitivesThreads;

    /**
     * @param layers the network's layer list
     * @param layout its parameter layout (derived from the list)
     * @param params the flat parameter vector [1, P]
     * @param grads the flat gradient vector [1, P]
     * @param seed the seed of the dropout masks
     * @param choice which kernels run the layers
     */
    public LayerPasses(NetworkLayers layers, ParameterLayout layout, INDArray params, INDArray grads, long seed,
            KernelChoice choice) {
        this.layers = layers;
        List<LayerNode> nodes = layers.nodes();
        kernels = new NodeKernel[nodes.size()];
        this.stream = choice.oneDnn() ? Dnnl.get().newStream() : null;
        try {
            for (LayerNode node : nodes) {
                kernels[node.index()] = node.op().accept(new NodeKernelFactory(node, layers, layout, params, grads, seed,
                    stream, choice.directConvolution()));
                if (kernels[node.index()] instanceof BatchStatistics bn) {
                    batchNorms.put(node.name(), bn);
                } else if (kernels[node.index()] instanceof DropoutKernel d) {
                    dropouts.add(d);
                }
            }
            this.output = (SoftmaxOutputKernel) kernels[nodes.size() - 1];
            this.plan = new BufferPlan(layers, kernels);
        } catch (RuntimeException | Error e) {
            // the kernels make their primitives at their first pass: the stream is all there is to free
            if (stream != null) {
                org.bytedeco.dnnl.global.dnnl.dnnl_stream_destroy(stream);
            }
            throw e;
        }
        // Training holds every activation the backward pass needs: one batch size at a time (the last, smaller
        // batch of an epoch makes its own set once per epoch); inference holds a few activations per size.
        this.buffers = new BuffersBySize<>(1, batch -> new PassBuffers(layers, plan, batch, false));
        this.inferenceBuffers = new BuffersBySize<>(3, batch -> new PassBuffers(layers, plan, batch, true));
    }

    /** Whether the passes of this network run on oneDNN. */
    public boolean runsOnOneDnn() {
        return stream != null;
    }

    /** Whether the CPU kernels can run here (ND4J on OpenBLAS in CPU memory). */
    public static boolean available() {
        return OpenBlasMatrices.available();
    }

    private void forwardTraining(PassBuffers pass) {
        for (int i = 0; i < kernels.length; i++) {
            if (plan.isRecomputed(i)) {
                pass.materialize(i);
            }
            kernels[i].forward(pass, true);
            releaseRecomputedAfter(pass, i, true);
        }
    }

    /** Before node {@code i}'s backward pass: recomputes the transient inputs it reads. */
    private void recomputeInputsOf(PassBuffers pass, int i) {
        if (!kernels[i].needsInput()) {
            return;
        }
        for (int j : layers.nodes().get(i).inputs()) {
            int r = j < 0 ? -1 : plan.owner()[j];
            if (r >= 0 && plan.isRecomputed(r) && !pass.isMaterialized(r)) {
                pass.materialize(r);
                ((DnnlBatchNormKernel) kernels[r]).recompute(pass);
            }
        }
    }

    /** Gives back transient outputs whose last reader (forward: the latest; backward: the earliest) was i. */
    private void releaseRecomputedAfter(PassBuffers pass, int i, boolean forward) {
        for (int r : plan.releasedAfter(i, forward)) {
            pass.dematerialize(r);
        }
    }

    private void backward(PassBuffers pass) {
        for (int i = kernels.length - 1; i >= 0; i--) {
            recomputeInputsOf(pass, i);
            kernels[i].backward(pass);
            pass.doneWith(i);
            releaseRecomputedAfter(pass, i, false);
        }
    }

    /**
     * What the passes hold between steps: the pool buffers taken and not given back (0 unless a pass
     * failed midway) and the bytes of every buffer kept for the batch sizes seen.
     */
    public long[] heldBuffers() {
        long inUse = 0;
        long floats = 0;
        for (PassBuffers p : buffers.values()) {
            inUse += p.buffersInUse();
            floats += p.keptFloats();
        }
        for (PassBuffers p : inferenceBuffers.values()) {
            inUse += p.buffersInUse();
            floats += p.keptFloats();
        }
        return new long[] {inUse, floats * Float.BYTES};
    }

    /** The native buffers of every batch size's passes kept now, for the tests. */
    List<DataBuffer> madeBuffers() {
        List<DataBuffer> out = new java.util.ArrayList<>();
        buffers.values().forEach(p -> out.addAll(p.madeBuffers()));
        inferenceBuffers.values().forEach(p -> out.addAll(p.madeBuffers()));
        return out;
    }

    /**
     * oneDNN's primitives divide their work for the thread count in force when they are made and start that many
     * threads ever after: when a run's share of the cores changes, they are made anew for the new share.
     */
    @Override
    public void runOn(int threads) {
        if (stream != null && threads != primitivesThreads) {
            buffers.clear();
            inferenceBuffers.clear();
            primitivesThreads = threads;
        }
    }

    /** Restarts the dropout masks from {@code seed}, so that a training run's masks follow its seed. */
    public void reseedDropout(long seed) {
        for (int i = 0; i < dropouts.size(); i++) {
            dropouts.get(i).reseed(seed * 31 + i);
        }
    }

    @Override
    public BatchResult computeGradient(INDArray features, int[] labelIndices) {
        PassBuffers pass = begin(features, labelIndices);
        forwardTraining(pass);
        BatchResult result = output.result();
        backward(pass);
        return result;
    }

    /**
     * One training step like {@link #computeGradient}, timed per kernel and shape: for each kind of kernel
     * with its input and output shape, the seconds of its forward and of its backward passes, summed over
     * the network's nodes of that kind (for profiles).
     */
    @Override
    public Map<String, double[]> profileStep(INDArray features, int[] labelIndices) {
        Map<String, double[]> seconds = new java.util.TreeMap<>();
        PassBuffers pass = begin(features, labelIndices);
        for (int i = 0; i < kernels.length; i++) {
            long t = System.nanoTime();
            if (plan.isRecomputed(i)) {
                pass.materialize(i);
            }
            kernels[i].forward(pass, true);
            releaseRecomputedAfter(pass, i, true);
            seconds.computeIfAbsent(profileKey(i), c -> new double[2])[0] += (System.nanoTime() - t) / 1e9;
        }
        for (int i = kernels.length - 1; i >= 0; i--) {
            long t = System.nanoTime();
            recomputeInputsOf(pass, i);
            kernels[i].backward(pass);
            pass.doneWith(i);
            releaseRecomputedAfter(pass, i, false);
            seconds.computeIfAbsent(profileKey(i), c -> new double[2])[1] += (System.nanoTime() - t) / 1e9;
        }
        return seconds;
    }

    private String profileKey(int i) {
        LayerNode n = layers.nodes().get(i);
        String op = n.op() instanceof LayerOp.Conv c ? " " + c.window() + "/" + c.strideH() : "";
        return kernels[i].getClass().getSimpleName() + op + " " + n.input() + " -> " + n.output();
    }

    private PassBuffers begin(INDArray features, int[] labels) {
        INDArray rows = OpenBlasMatrices.denseRows(features);
        PassBuffers pass = buffers.of((int) rows.size(0));
        pass.begin(rows, labels);
        keepInputFormat(pass);
        return pass;
    }

    private PassBuffers beginInference(INDArray features) {
        INDArray rows = OpenBlasMatrices.denseRows(features);
        PassBuffers pass = inferenceBuffers.of((int) rows.size(0));
        pass.begin(rows, null);
        keepInputFormat(pass);
        return pass;
    }

    /**
     * Under oneDNN every image tensor is kept in its format ({@link Dnnl#formatOf}), the input too: rows come as
     * plain NCHW, so an input whose format is blocked (channels a multiple of 16) is reordered into it first.
     */
    private void keepInputFormat(PassBuffers pass) {
        TensorShape in = layers.input();
        if (stream == null || !in.image() || Dnnl.formatOf(in) == org.bytedeco.dnnl.global.dnnl.dnnl_nchw) {
            return;
        }
        int batch = pass.batch();
        long[] dims = pass.shape(in);
        DnnlOp reorder = pass.scratch(-1, "input format", () -> DnnlReorder.of(
            Dnnl.desc(dims, org.bytedeco.dnnl.global.dnnl.dnnl_nchw), Dnnl.desc(in, batch), stream));
        INDArray kept = pass.scratchArray(-1, "kept input", dims);
        reorder.run(pass.out(-1), kept);
        pass.replaceInput(kept);
    }

    @Override
    public INDArray predict(INDArray features) {
        int classes = layers.output().output().channels();
        return OwnPasses.predictInChunks(features, MAX_ROWS, classes, (chunk, logits) -> {
            PassBuffers pass = beginInference(chunk);
            for (int i = 0; i < kernels.length; i++) {
                pass.beforeNode(i);
                kernels[i].forward(pass, false);
                pass.afterNode(i);
            }
            OpenBlasMatrices.load(pass.out(kernels.length - 1), logits);
            pass.endInference();
        });
    }

    @Override
    public INDArray[] trainingActivations(List<String> names, INDArray features) {
        PassBuffers pass = statisticsPass(features, true);
        INDArray[] out = new INDArray[names.size()];
        for (int i = 0; i < out.length; i++) {
            int node = nodeNamed(names.get(i));
            TensorShape shape = layers.nodes().get(node).output();
            INDArray kept = pass.out(node);
            if (stream != null && shape.image() && Dnnl.formatOf(shape) != org.bytedeco.dnnl.global.dnnl.dnnl_nchw) {
                out[i] = Nd4j.createUninitialized(DataType.FLOAT, kept.shape());
                long[] dims = kept.shape();
                try (DnnlOp toNchw = DnnlReorder.of(Dnnl.desc(shape, pass.batch()),
                    Dnnl.desc(dims, org.bytedeco.dnnl.global.dnnl.dnnl_nchw), stream)) {
                    toNchw.run(kept, out[i]);
                }
            } else {
                out[i] = kept.dup();
            }
        }
        return out;
    }

    @Override
    public Map<String, float[][]> batchNormStatistics(INDArray features) {
        PassBuffers pass = statisticsPass(features, false);
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, BatchStatistics> e : batchNorms.entrySet()) {
            BatchStatistics bn = e.getValue();
            float[] mean = bn.batchMean(pass).toFloatVector();
            float[] var = bn.batchVariance(pass).toFloatVector();
            long n = bn.valuesPerChannel(pass);
            float unbias = n > 1 ? (float) n / (n - 1) : 0f;
            for (int c = 0; c < var.length; c++) {
                var[c] *= unbias;
            }
            out.put(e.getKey(), new float[][] {mean, var});
        }
        pass.endInference();
        return out;
    }

    /**
     * A training-mode forward pass that leaves the running statistics alone: on the inference buffers
     * (a few activations at a time) where only the BatchNorm statistics are wanted, else on the training
     * buffers, whose activations stay readable.
     */
    private PassBuffers statisticsPass(INDArray features, boolean keepActivations) {
        PassBuffers pass = keepActivations ? begin(features, null) : beginInference(features);
        batchNorms.values().forEach(bn -> bn.updateRunningStatistics(false));
        try {
            for (int i = 0; i < kernels.length; i++) {
                pass.beforeNode(i);
                if (keepActivations && plan.isRecomputed(i) && !pass.isMaterialized(i)) {
                    pass.materialize(i);
                }
                kernels[i].forward(pass, true);
                pass.afterNode(i);
            }
        } finally {
            batchNorms.values().forEach(bn -> bn.updateRunningStatistics(true));
        }
        return pass;
    }

    private int nodeNamed(String name) {
        for (LayerNode n : layers.nodes()) {
            if (name.equals(n.name())) {
                // the graph's layer of that name includes a ReLU folded into it
                int next = n.index() + 1;
                boolean folded = next < layers.nodes().size() && layers.nodes().get(next).name() == null;
                return folded ? next : n.index();
            }
        }
        throw new IllegalArgumentException("no layer " + name);
    }

    @Override
    public void close() {
        buffers.clear();
        inferenceBuffers.clear();
        if (stream != null) {
            org.bytedeco.dnnl.global.dnnl.dnnl_stream_destroy(stream);
        }
    }
}
