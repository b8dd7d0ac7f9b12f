package org.modeconn.engine.network.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.kernels.ChannelStatistics;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The passes of a network through Deeplearning4j's own layers: the graph built from the layer list, its flat
 * parameter and gradient vectors exposed as [1, P] views, the mean-over-batch gradient and PyTorch's
 * BatchNorm convention applied to what Deeplearning4j computes. Runs on the CUDA backend, where the engine's
 * CPU kernels do not, and serves as their test oracle. Holds the graph's native memory until closed.
 */
final class Dl4jGraphPasses implements AutoCloseable {

    private final ComputationGraph graph;
    private final OutputCapture capture;
    private final INDArray params;
    private final INDArray grads;
    private final List<INDArray> trainableGradientRuns = new ArrayList<>();
    private final List<INDArray> varianceSlots = new ArrayList<>();
    private final List<INDArray> varianceValues = new ArrayList<>();
    private final List<Integer> variancePositions = new ArrayList<>();
    private final ParameterLayout layout;

    Dl4jGraphPasses(NetworkSpec spec, ParameterLayout layout) {
        this.layout = layout;
        this.graph = Dl4jGraphBuilder.build(spec);
        if (!layout.blocks().equals(Dl4jGraphBuilder.layoutOf(graph).blocks())) {
            graph.close();
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
        Map<String, Integer> positions = new HashMap<>();
        for (LayerNode n : spec.layers().nodes()) {
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

    private static boolean sharesMemory(INDArray view, INDArray original) {
        return view.data().addressPointer().address() + view.offset() * view.data().getElementSize()
            == original.data().addressPointer().address() + original.offset() * original.data().getElementSize();
    }

    INDArray parameters() {
        return params;
    }

    INDArray gradients() {
        return grads;
    }

    ComputationGraph graph() {
        return graph;
    }

    BatchResult computeGradient(INDArray features, INDArray labels, int[] labelIndices) {
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
            ExecutableNetwork.release(scaledRunning);
        }
    }

    INDArray predict(INDArray features) {
        return graph.output(false, features)[0];
    }

    INDArray[] trainingActivations(List<String> layers, INDArray features) {
        // DL4J 1.0.0-M2.1's output(List, ...) fails on a null workspace manager; feedForward works.
        Map<String, INDArray> all = graph.feedForward(new INDArray[] {features}, true, false);
        INDArray[] out = new INDArray[layers.size()];
        Set<INDArray> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(layers.get(i));
            kept.add(out[i]);
        }
        // The other activations are freed now rather than when the garbage collector finds them: BatchNorm
        // recomputation runs this thousands of times, and native memory would pile up to the JVM's limit.
        for (INDArray a : all.values()) {
            if (a != features && !kept.contains(a)) {
                ExecutableNetwork.release(a);
            }
        }
        return out;
    }

    Map<String, float[][]> batchNormStatistics(INDArray features) {
        List<String> names = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (ParameterBlock b : layout.blocks()) {
            if (b.kind() == ParameterKind.BN_MEAN) {
                names.add(b.layer());
                inputs.add(graph.getConfiguration().getVertexInputs().get(b.layer()).get(0));
            }
        }
        INDArray[] acts = trainingActivations(inputs, features);
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (int l = 0; l < acts.length; l++) {
            out.put(names.get(l), ChannelStatistics.of(acts[l]));
            ExecutableNetwork.release(acts[l]);
        }
        return out;
    }

    @Override
    public void close() {
        graph.close();
    }

    /** Counts errors from the output layer's activations of the training forward pass itself. */
    private static final class OutputCapture extends BaseTrainingListener {
        private final INDArray outputWeights;
        private final INDArray outputBias;
        private final String outputInput;
        private int[] expected;
        private int errors;

        OutputCapture(ComputationGraph graph) {
            this.outputWeights = graph.getLayer(NetworkLayers.OUTPUT).getParam("W");
            this.outputBias = graph.getLayer(NetworkLayers.OUTPUT).getParam("b");
            this.outputInput = graph.getConfiguration().getVertexInputs().get(NetworkLayers.OUTPUT).get(0);
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
