package org.modeconn.engine.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network made executable: the Deeplearning4j graph for a {@link NetworkSpec} with its flat parameter
 * and gradient vectors exposed as views, so that optimisers and curves read and write weights in place
 * without copies. Not thread-safe: one instance per running operation. Holds native memory (the graph's
 * vectors, the passes' buffers and primitives): whoever creates one closes it.
 */
public final class Dl4jNetwork implements AutoCloseable {

    /**
     * System property that makes MLPs and CNNs run through Deeplearning4j's generic layers instead of the engine's
     * own dense passes (same arithmetic, slower), for comparisons.
     */
    public static final String GENERIC_PASSES_PROPERTY = "modeconn.genericPasses";

    private final NetworkSpec spec;
    private final ComputationGraph graph;
    private final ParameterLayout layout;
    private final OutputCapture capture;
    private final INDArray params;
    private final INDArray grads;
    private final List<INDArray> trainableGradientRuns = new ArrayList<>();
    private final List<INDArray> varianceSlots = new ArrayList<>();
    private final List<INDArray> varianceValues = new ArrayList<>();
    private final List<Integer> variancePositions = new ArrayList<>();
    private final OwnPasses ownPasses;

    private Dl4jNetwork(NetworkSpec spec, boolean generic) {
        ComputeBackend.initialise();
        this.spec = spec;
        this.graph = NetworkBuilder.build(spec);
        this.layout = ParameterLayouts.layoutOf(spec);
        if (!layout.blocks().equals(ParameterLayout.of(graph).blocks())) {
            throw new IllegalStateException("the graph of " + spec.architecture().describe()
                + " does not lay out its parameters as its layer list says");
        }
        this.capture = new OutputCapture(graph);
        graph.setListeners(capture);
        // The gradient vector is otherwise created lazily, on the first backward pass.
        graph.initGradientsView();
        // Both vectors as [1, P] views of the graph's own buffers, whatever rank DL4J gives them.
        this.params = graph.params().reshape(1, layout.size());
        this.grads = graph.getGradientsViewArray().reshape(1, layout.size());
        if (!sharesMemory(params, graph.params()) || !sharesMemory(grads, graph.getGradientsViewArray())) {
            throw new IllegalStateException("the [1, P] parameter views do not share the graph's memory");
        }
        long runStart = -1;
        for (ParameterBlock b : layout.blocks()) {
            if (b.kind().trainable() && runStart < 0) {
                runStart = b.offset();
            } else if (!b.kind().trainable() && runStart >= 0) {
                trainableGradientRuns.add(grads.get(NDArrayIndex.all(), NDArrayIndex.interval(runStart, b.offset())));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            trainableGradientRuns.add(runStart == 0 ? grads
                : grads.get(NDArrayIndex.all(), NDArrayIndex.interval(runStart, layout.size())));
        }
        this.ownPasses = generic ? null : OwnPasses.forNetwork(spec, layout, params, grads);
        if (ownPasses == null) {
            java.util.Map<String, Integer> positions = new java.util.HashMap<>();
            for (org.modeconn.engine.network.layers.LayerNode n : spec.layers().nodes()) {
                if (n.name() != null) {
                    positions.put(n.name(), n.input().positions());
                }
            }
            for (ParameterBlock b : layout.blocks()) {
                if (b.kind() == ParameterKind.BN_VAR) {
                    varianceSlots.add(grads.get(NDArrayIndex.all(), NDArrayIndex.interval(b.offset(),
                        b.offset() + b.length())));
                    varianceValues.add(params.get(NDArrayIndex.all(), NDArrayIndex.interval(b.offset(),
                        b.offset() + b.length())));
                    variancePositions.add(positions.get(b.layer()));
                }
            }
        }
    }

    private static boolean sharesMemory(INDArray view, INDArray original) {
        return view.data().addressPointer().address() + view.offset() * view.data().getElementSize()
            == original.data().addressPointer().address() + original.offset() * original.data().getElementSize();
    }

    /** A new executable graph with zero parameters. */
    public static Dl4jNetwork create(NetworkSpec spec) {
        return new Dl4jNetwork(spec, Boolean.getBoolean(GENERIC_PASSES_PROPERTY));
    }

    /**
     * A new executable graph that runs every pass through Deeplearning4j's own layers, even for an MLP
     * or a CNN (which {@link #create} runs through the engine's own passes): for comparisons of the two.
     */
    public static Dl4jNetwork createWithGenericLayers(NetworkSpec spec) {
        return new Dl4jNetwork(spec, true);
    }

    /** A new executable graph holding {@code network}'s parameters. */
    public static Dl4jNetwork of(Network network) {
        Dl4jNetwork n = create(network.spec());
        n.setParameters(network.parametersView());
        return n;
    }

    /** Whether its passes are the engine's own (MLPs and CNNs on OpenBLAS) rather than Deeplearning4j's layers. */
    public boolean runsOwnPasses() {
        return ownPasses != null;
    }

    /** The spec it was built from. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The map of {@link #parameters()}. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The flat parameter vector [1, P], a live view: writing it changes the network. */
    public INDArray parameters() {
        return params;
    }

    /** The flat gradient vector [1, P] of the last {@link #computeGradient}, a live view. */
    public INDArray gradients() {
        return grads;
    }

    /**
     * Sets the parameters to the point Σ c_k·w_k of {@code shared}'s family; inference passes on rows of its
     * data then take the first layer from it (until the parameters are set again).
     */
    public void setCombination(SharedFirstLayer shared, double[] coefficients) {
        setParameters(shared.combine(coefficients));
        if (ownPasses instanceof DenseMlpPasses mlp) {
            mlp.useSharedFirstLayer(shared, coefficients);
        }
    }

    /**
     * One training step timed per kind of kernel (seconds forward and backward by kernel class), where the
     * layer kernels run; empty elsewhere.
     */
    public Map<String, double[]> profileStep(INDArray features, int[] labelIndices) {
        if (ownPasses instanceof org.modeconn.engine.network.kernels.LayerPasses passes) {
            return passes.profileStep(features, labelIndices);
        }
        return Map.of();
    }

    /** The engine's own passes, or null where Deeplearning4j's layers run. */
    OwnPasses ownPasses() {
        return ownPasses;
    }

    /** Copies {@code flat} into the network. */
    public void setParameters(float[] flat) {
        if (ownPasses instanceof DenseMlpPasses mlp) {
            mlp.useSharedFirstLayer(null, null);
        }
        if (flat.length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " parameters, got " + flat.length);
        }
        INDArray values = Nd4j.createFromArray(flat);
        params.assign(values.reshape(1, flat.length));
        // freed now rather than by the collector: curves and planes set parameters of any size many times
        values.close();
    }

    /** Copies the network's parameters out. */
    public float[] parameterArray() {
        INDArray copy = params.dup();
        float[] values = copy.data().asFloat();
        copy.close();
        return values;
    }

    /**
     * Forward and backward pass in training mode (BatchNorm on batch statistics) on one batch; the
     * gradient of the mean loss lands in {@link #gradients()} (for BatchNorm statistics: the change of the
     * running average, see {@code SgdOptimizer}).
     *
     * @param features [B, d] scaled features
     * @param labels [B, C] one-hot labels
     * @param labelIndices the class of each row, to count errors from the same forward pass
     * @return the mean loss and the number of misclassified rows
     */
    public BatchResult computeGradient(INDArray features, INDArray labels, int[] labelIndices) {
        if (ownPasses != null) {
            return ownPasses.computeGradient(features, labelIndices);
        }
        capture.expect(labelIndices);
        graph.setInputs(features);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        double loss = graph.score();
        graph.clearLayersStates();
        // DL4J leaves the mean over the batch to its updater, which the engine does not use; BatchNorm
        // statistic entries are running-average changes already and stay as they are.
        for (INDArray run : trainableGradientRuns) {
            run.divi(labelIndices.length);
        }
        unbiasRunningVariances(labelIndices.length);
        return new BatchResult(loss, capture.errors());
    }

    /**
     * Deeplearning4j moves BatchNorm's running variance towards the biased batch variance; every path of
     * the engine keeps {@link BatchNormConvention}'s unbiased one, so its slots are converted here.
     */
    private void unbiasRunningVariances(int batch) {
        for (int i = 0; i < varianceSlots.size(); i++) {
            double[] ab = BatchNormConvention.varianceChangeFromDl4j((long) batch * variancePositions.get(i));
            INDArray slot = varianceSlots.get(i);
            INDArray scaledRunning = varianceValues.get(i).mul(ab[1]);
            slot.muli(ab[0]).addi(scaledRunning);
            release(scaledRunning);
        }
    }

    /** Class probabilities [B, C] in inference mode (BatchNorm on running statistics). */
    public INDArray predict(INDArray features) {
        if (ownPasses != null) {
            return ownPasses.predict(features);
        }
        return graph.output(false, features)[0];
    }

    /**
     * Activations of the named layers for one batch in training mode (BatchNorm normalising with batch
     * statistics), detached from any workspace.
     */
    public INDArray[] trainingActivations(List<String> layers, INDArray features) {
        if (ownPasses != null) {
            return ownPasses.trainingActivations(layers, features);
        }
        // DL4J 1.0.0-M2.1's output(List, ...) fails on a null workspace manager; feedForward works.
        Map<String, INDArray> all = graph.feedForward(new INDArray[] {features}, true, false);
        INDArray[] out = new INDArray[layers.size()];
        java.util.Set<INDArray> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(layers.get(i));
            kept.add(out[i]);
        }
        // The other activations are freed now rather than when the garbage collector finds them: BatchNorm
        // recomputation runs this thousands of times, and native memory would pile up to the JVM's limit.
        for (INDArray a : all.values()) {
            if (a != features && !kept.contains(a)) {
                release(a);
            }
        }
        return out;
    }

    /**
     * For each BatchNorm layer (by name, in flat order), the batch mean and unbiased batch variance of its
     * input for one batch in training mode (BatchNorm normalising with batch statistics); the running
     * statistics are left as they are.
     */
    public Map<String, float[][]> batchNormStatistics(INDArray features) {
        if (ownPasses != null) {
            Map<String, float[][]> own = ownPasses.batchNormStatistics(features);
            if (own != null) {
                return own;
            }
        }
        List<String> names = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (ParameterBlock b : layout.blocks()) {
            if (b.kind() == ParameterKind.BN_MEAN) {
                names.add(b.layer());
                inputs.add(graph.getConfiguration().getVertexInputs().get(b.layer()).get(0));
            }
        }
        INDArray[] acts = trainingActivations(inputs, features);
        Map<String, float[][]> out = new java.util.LinkedHashMap<>();
        for (int l = 0; l < acts.length; l++) {
            INDArray x = acts[l];
            int[] dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
            long perChannel = x.length() / x.size(1);
            INDArray mean = x.mean(dims);
            INDArray var = x.var(true, dims);
            float[] v = perChannel < 2 ? new float[(int) x.size(1)] : var.toFloatVector();
            out.put(names.get(l), new float[][] {mean.toFloatVector(), v});
            release(mean);
            release(var);
            release(x);
        }
        return out;
    }

    /** Frees the passes' buffers and the graph's native memory; the network cannot be used afterwards. */
    @Override
    public void close() {
        if (ownPasses instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not free the network's buffers", e);
            }
        }
        graph.close();
    }

    /** Frees an array's native memory at once, where it owns it (not views, not workspace arrays). */
    public static void release(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    /** The underlying graph, for engine code that needs its structure. */
    public ComputationGraph graph() {
        return graph;
    }

    /**
     * Loss and error count of one training batch.
     *
     * @param loss mean softmax cross-entropy
     * @param errors misclassified rows
     */
    public record BatchResult(double loss, int errors) {
    }

    /** Counts errors from the output layer's activations of the training forward pass itself. */
    private static final class OutputCapture extends BaseTrainingListener {
        private final INDArray outputWeights;
        private final INDArray outputBias;
        private final String outputInput;
        private int[] expected;
        private int errors;

        OutputCapture(ComputationGraph graph) {
            this.outputWeights = graph.getLayer(NetworkBuilder.OUTPUT).getParam("W");
            this.outputBias = graph.getLayer(NetworkBuilder.OUTPUT).getParam("b");
            this.outputInput = graph.getConfiguration().getVertexInputs().get(NetworkBuilder.OUTPUT).get(0);
        }

        void expect(int[] labels) {
            expected = labels;
            errors = -1;
        }

        int errors() {
            return errors;
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            // DL4J's training pass leaves the output layer out of this map; the argmax of the logits is the
            // argmax of the softmax, so one small product gives the predictions of the same pass.
            INDArray in = activations.get(outputInput);
            if (in == null || expected == null) {
                return;
            }
            INDArray logits = in.reshape(in.size(0), -1).mmul(outputWeights).addiRowVector(outputBias);
            long[] predicted = Nd4j.argMax(logits, 1).toLongVector();
            int wrong = 0;
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] != expected[i]) {
                    wrong++;
                }
            }
            errors = wrong;
        }
    }
}
