package org.modeconn.engine.network.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.PoolWindow;
import org.modeconn.engine.network.layers.TensorShape;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the Deeplearning4j computation graph of a {@link NetworkSpec} from its {@link NetworkLayers}: one
 * graph layer (or vertex) per operation, named as the layer list names it, a ReLU folded into the dense
 * layer before it. The graph has no updater and no regulariser of its own: the engine's optimisers update
 * its flat parameter vector directly, so that endpoints, curves and FGE share one update rule.
 */
public final class Dl4jGraphBuilder {

    /** The name of the graph's input. */
    public static final String INPUT = "input";
    /** The name of the softmax output layer. */
    public static final String OUTPUT = NetworkLayers.OUTPUT;

    private Dl4jGraphBuilder() {
    }

    /** Builds and initialises (with zero weights) the graph for {@code spec}. */
    public static ComputationGraph build(NetworkSpec spec) {
        NetworkLayers layers = spec.layers();
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .updater(new NoOp())
            .weightInit(WeightInit.ZERO)
            .convolutionMode(ConvolutionMode.Truncate)
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .graphBuilder()
            .addInputs(INPUT);
        for (LayerNode node : layers.nodes()) {
            if (node.name() == null) {
                continue;
            }
            String[] inputs = node.inputs().stream().map(i -> graphName(layers, i)).toArray(String[]::new);
            boolean foldsRelu = node.index() + 1 < layers.nodes().size()
                && layers.nodes().get(node.index() + 1).name() == null;
            Object layer = node.op().accept(new Dl4jLayers(foldsRelu));
            if (layer instanceof org.deeplearning4j.nn.conf.layers.Layer l) {
                graph.addLayer(node.name(), l, inputs);
            } else {
                graph.addVertex(node.name(), (org.deeplearning4j.nn.conf.graph.GraphVertex) layer, inputs);
            }
        }
        graph.setOutputs(OUTPUT);
        TensorShape in = layers.input();
        if (spec.imageShape() != null) {
            graph.setInputTypes(InputType.convolutionalFlat(spec.imageShape().height(), spec.imageShape().width(),
                spec.imageShape().channels()));
        } else {
            graph.setInputTypes(InputType.feedForward(in.size()));
        }
        ComputationGraph g = new ComputationGraph(graph.build());
        g.init();
        return g;
    }

    /** The graph name of node {@code index}'s output: a folded ReLU's is its dense layer's. */
    private static String graphName(NetworkLayers layers, int index) {
        if (index < 0) {
            return INPUT;
        }
        LayerNode n = layers.nodes().get(index);
        return n.name() != null ? n.name() : layers.nodes().get(index - 1).name();
    }

    /** Deeplearning4j's layer or vertex for each operation. */
    private record Dl4jLayers(boolean foldsRelu) implements LayerOp.Visitor<Object> {

        @Override
        public Object dense(LayerOp.Dense op) {
            return new DenseLayer.Builder().nOut(op.units()).hasBias(op.bias())
                .activation(foldsRelu ? Activation.RELU : Activation.IDENTITY).build();
        }

        @Override
        public Object conv(LayerOp.Conv op) {
            return new ConvolutionLayer.Builder(op.kernelH(), op.kernelW()).stride(op.strideH(), op.strideW())
                .padding(op.padH(), op.padW()).nOut(op.channels()).hasBias(op.bias())
                .activation(Activation.IDENTITY).build();
        }

        @Override
        public Object batchNorm(LayerOp.BatchNorm op) {
            return new BatchNormalization.Builder().eps(BatchNormConvention.EPSILON)
                .decay(BatchNormConvention.DL4J_DECAY).useLogStd(false).build();
        }

        @Override
        public Object relu(LayerOp.Relu op) {
            return new ActivationLayer.Builder().activation(Activation.RELU).build();
        }

        @Override
        public Object maxPool(LayerOp.MaxPool op) {
            requireEven(op.window());
            return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(op.kernelH(), op.kernelW())
                .stride(op.strideH(), op.strideW()).padding(op.padH(), op.padW()).build();
        }

        @Override
        public Object avgPool(LayerOp.AvgPool op) {
            requireEven(op.window());
            SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(PoolingType.AVG)
                .kernelSize(op.kernelH(), op.kernelW()).stride(op.strideH(), op.strideW()).padding(op.padH(), op.padW());
            b.setAvgPoolIncludePadInDivisor(op.countIncludePad());
            return b.build();
        }

        /** Deeplearning4j's pools pad evenly only. */
        private static void requireEven(PoolWindow w) {
            if (w.uneven()) {
                throw new InvalidInputException("This network has a pool padded more at the end than at the start "
                    + "(ceil_mode, or uneven pads, of an imported model), which Deeplearning4j's layers do not "
                    + "compute; they run where the engine's own passes cannot (on the GPU) or where asked for.",
                    "Run it on the CPU, with the engine's own passes (the default there): start KNIME or the command "
                        + "with -D" + ComputeOptions.BACKEND_PROPERTY + "=cpu, or set MODECONN_BACKEND=cpu, and leave "
                        + ComputeOptions.GENERIC_PASSES_PROPERTY + " unset.");
            }
        }

        @Override
        public Object zeroPad(LayerOp.ZeroPad op) {
            return new ZeroPaddingLayer.Builder(op.top(), op.bottom(), op.left(), op.right()).build();
        }

        @Override
        public Object globalAvgPool(LayerOp.GlobalAvgPool op) {
            return new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
        }

        @Override
        public Object dropout(LayerOp.Dropout op) {
            // Deeplearning4j takes the probability of keeping a value
            return new DropoutLayer.Builder(1 - op.probability()).build();
        }

        @Override
        public Object add(LayerOp.Add op) {
            return new ElementWiseVertex(ElementWiseVertex.Op.Add);
        }

        @Override
        public Object softmaxOutput(LayerOp.SoftmaxOutput op) {
            return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nOut(op.classes()).build();
        }
    }

    /** Reads the layout of an initialised graph from its parameter table. */
    public static ParameterLayout layoutOf(ComputationGraph graph) {
        INDArray flat = graph.params();
        long base = flat.offset();
        List<ParameterBlock> blocks = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : graph.paramTable().entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('_');
            String layerName = key.substring(0, cut);
            String param = key.substring(cut + 1);
            Layer layer = graph.getLayer(layerName);
            ParameterKind kind = kindOf(param);
            long fanIn = 0;
            if (kind == ParameterKind.WEIGHT || kind == ParameterKind.BIAS) {
                fanIn = fanIn(layer.conf().getLayer());
            }
            blocks.add(new ParameterBlock(layerName, param, kind, e.getValue().offset() - base, e.getValue().length(),
                fanIn));
        }
        blocks.sort(Comparator.comparingLong(ParameterBlock::offset));
        ParameterLayout layout = ParameterLayout.of(blocks);
        if (layout.size() != flat.length()) {
            throw new IllegalStateException("the parameter table covers " + layout.size() + " of " + flat.length()
                + " parameters");
        }
        return layout;
    }

    private static ParameterKind kindOf(String param) {
        switch (param) {
            case "W":
                return ParameterKind.WEIGHT;
            case "b":
                return ParameterKind.BIAS;
            case "gamma":
                return ParameterKind.BN_GAMMA;
            case "beta":
                return ParameterKind.BN_BETA;
            case "mean":
                return ParameterKind.BN_MEAN;
            case "var":
                return ParameterKind.BN_VAR;
            default:
                throw new IllegalStateException("unknown parameter kind '" + param + "'");
        }
    }

    private static long fanIn(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof ConvolutionLayer c) {
            int[] k = c.getKernelSize();
            return c.getNIn() * k[0] * k[1];
        }
        if (conf instanceof FeedForwardLayer f) {
            return f.getNIn();
        }
        throw new IllegalStateException("no fan-in for " + conf.getClass().getSimpleName());
    }
}
