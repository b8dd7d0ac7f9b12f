package org.modeconn.engine.network;

import java.util.List;
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
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the Deeplearning4j computation graph of a {@link NetworkSpec}. The graph has no updater and no
 * regulariser of its own: the engine's optimisers update its flat parameter vector directly, so that
 * endpoints, curves and FGE share one update rule.
 */
public final class NetworkBuilder {

    /** The name of the graph's input. */
    public static final String INPUT = "input";
    /** The name of the softmax output layer. */
    public static final String OUTPUT = "output";

    /** PyTorch's BatchNorm epsilon, so that figures compare with the paper's code. */
    static final double BN_EPS = 1e-5;
    /** DL4J's decay d keeps d of the old running statistic: 0.9 is PyTorch's momentum 0.1. */
    static final double BN_DECAY = 0.9;

    private final ComputationGraphConfiguration.GraphBuilder graph;
    private String last = INPUT;
    private int counter;

    private NetworkBuilder() {
        graph = new NeuralNetConfiguration.Builder()
            .dataType(DataType.FLOAT)
            .updater(new NoOp())
            .weightInit(WeightInit.ZERO)
            .convolutionMode(ConvolutionMode.Truncate)
            .trainingWorkspaceMode(WorkspaceMode.ENABLED)
            .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
            .graphBuilder()
            .addInputs(INPUT);
    }

    /** Builds and initialises (with zero weights) the graph for {@code spec}. */
    public static ComputationGraph build(NetworkSpec spec) {
        NetworkBuilder b = new NetworkBuilder();
        ArchitectureSpec arch = spec.architecture();
        if (arch instanceof MlpSpec mlp) {
            b.mlp(mlp);
        } else if (arch instanceof CnnSpec cnn) {
            b.cnn(cnn);
        } else if (arch instanceof VggSpec vgg) {
            b.vgg(vgg);
        } else if (arch instanceof PreResNetSpec res) {
            b.preresnet(res);
        }
        b.graph.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .activation(Activation.SOFTMAX).nOut(spec.numClasses()).build(), b.last);
        b.graph.setOutputs(OUTPUT);
        if (spec.imageShape() != null) {
            b.graph.setInputTypes(InputType.convolutionalFlat(spec.imageShape().height(), spec.imageShape().width(),
                spec.imageShape().channels()));
        } else {
            b.graph.setInputTypes(InputType.feedForward(spec.inputFeatures()));
        }
        ComputationGraph g = new ComputationGraph(b.graph.build());
        g.init();
        return g;
    }

    private String add(String kind, org.deeplearning4j.nn.conf.layers.Layer layer, String... inputs) {
        String name = kind + (counter++);
        graph.addLayer(name, layer, inputs);
        last = name;
        return name;
    }

    private String dense(int width, Activation activation) {
        return add("dense", new DenseLayer.Builder().nOut(width).activation(activation).build(), last);
    }

    private String conv(int channels, int kernel, int stride, String input) {
        return conv(channels, kernel, stride, input, true);
    }

    private String conv(int channels, int kernel, int stride, String input, boolean bias) {
        int pad = kernel / 2;
        return add("conv", new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(pad, pad)
            .nOut(channels).hasBias(bias).activation(Activation.IDENTITY).build(), input);
    }

    private String batchNorm(String input) {
        return add("bn", new BatchNormalization.Builder().eps(BN_EPS).decay(BN_DECAY).useLogStd(false).build(), input);
    }

    private String relu(String input) {
        return add("relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), input);
    }

    private void maxPool() {
        add("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), last);
    }

    private void mlp(MlpSpec spec) {
        for (int w : spec.widths()) {
            if (spec.batchNorm()) {
                dense(w, Activation.IDENTITY);
                batchNorm(last);
                relu(last);
            } else {
                dense(w, Activation.RELU);
            }
        }
    }

    private void cnn(CnnSpec spec) {
        for (int c : spec.channels()) {
            conv(c, spec.kernel(), 1, last);
            relu(last);
            maxPool();
        }
        for (int w : spec.denseWidths()) {
            dense(w, Activation.RELU);
        }
    }

    private void vgg(VggSpec spec) {
        for (List<Integer> block : spec.blocks()) {
            for (int c : block) {
                conv(c, 3, 1, last);
                if (spec.batchNorm()) {
                    batchNorm(last);
                }
                relu(last);
            }
            maxPool();
        }
        for (int w : spec.denseWidths()) {
            dense(w, Activation.RELU);
        }
    }

    private void preresnet(PreResNetSpec spec) {
        int w = spec.widthFactor();
        int expansion = spec.bottleneck() ? 4 : 1;
        int inPlanes = 16 * w;
        conv(16 * w, 3, 1, last, false);
        int[] stagePlanes = {16 * w, 32 * w, 64 * w};
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < spec.blocksPerStage(); block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                int planes = stagePlanes[stage];
                String x = last;
                String out;
                if (spec.bottleneck()) {
                    relu(batchNorm(x));
                    conv(planes, 1, 1, last, false);
                    relu(batchNorm(last));
                    conv(planes, 3, stride, last, false);
                    relu(batchNorm(last));
                    out = conv(planes * expansion, 1, 1, last, false);
                } else {
                    relu(batchNorm(x));
                    conv(planes, 3, stride, last, false);
                    relu(batchNorm(last));
                    out = conv(planes, 3, 1, last, false);
                }
                // The reference's shortcut projects the block's raw input, not its pre-activation.
                String shortcut = x;
                if (stride != 1 || inPlanes != planes * expansion) {
                    shortcut = conv(planes * expansion, 1, stride, x, false);
                }
                String sum = "add" + (counter++);
                graph.addVertex(sum, new ElementWiseVertex(ElementWiseVertex.Op.Add), out, shortcut);
                last = sum;
                inPlanes = planes * expansion;
            }
        }
        relu(batchNorm(last));
        add("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last);
    }
}
