package org.modeconn.engine.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayouts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's own MLP and CNN passes compute what Deeplearning4j's generic layers compute: loss, error
 * count, gradient, predictions, BatchNorm inputs; BatchNorm's running variance is the unbiased one
 * (PyTorch's) on every path, Deeplearning4j's layers included.
 */
class OwnPassesTest {

    private static final List<String> CLASSES = List.of("a", "b", "c", "d");

    @Test
    void ownPassesAreUsedForEveryFamily() {
        assertThat(ExecutableNetwork.create(new NetworkSpec(ArchitectureParser.parse("mlp:4"), 9, null, CLASSES))
            .runsOwnPasses()).isTrue();
        assertThat(ExecutableNetwork.create(new NetworkSpec(ArchitectureParser.parse("cnn:2/3"), 9, new ImageShape(1, 3, 3),
            CLASSES)).runsOwnPasses()).isTrue();
        assertThat(ExecutableNetwork.create(new NetworkSpec(ArchitectureParser.parse("vgg:2,M/3"), 16,
            new ImageShape(1, 4, 4), CLASSES)).runsOwnPasses()).isTrue();
        assertThat(ExecutableNetwork.createWithGenericLayers(new NetworkSpec(ArchitectureParser.parse("mlp:4"), 9, null,
            CLASSES)).runsOwnPasses()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp:24,16", "mlpbn:24,16", "mlp:", "mlpbn:8"})
    void ownPassesMatchDeeplearning4jLayers(String arch) {
        compareWithDeeplearning4j(arch, new int[] {13, 6, 1, 13, 300, 1100});
    }

    /**
     * The layer-list kernels of every other family against Deeplearning4j's layers, within float rounding
     * relative to each block's scale (deep residual sums grow, and so does their rounding).
     */
    @ParameterizedTest
    @ValueSource(strings = {"cnn:3,5/7 2x5x5", "cnn:4/ 1x6x6", "cnn:2,3/6,5/k5 3x9x7", "cnn 1x12x12",
        "cnn:16,32/8 1x8x8", "vgg:3,M,4,M/5 2x8x8", "vgg:16,M,32,M/8 2x8x8", "vggbn:3,3,M,4,M/5,4 3x8x6", "preresnet:8 3x8x8",
        "preresnet:14x2 1x6x6", "preresnet:47 2x8x8", "wrn:10x1 3x8x8", "wrn:16x2 1x7x7"})
    void layerKernelsMatchDeeplearning4jLayers(String arch) {
        // the same arithmetic as Deeplearning4j's: direct convolutions (Winograd's are compared below)
        try (ComputeContext direct = ComputeContext.open(ComputeOptions.DEFAULTS.withConvolution("direct"))) {
            assertThat(direct.kernels().directConvolution()).isTrue();
            // the deepest network is the most sensitive to rounding: one batch size (and one row) is enough for it
            compareWithDeeplearning4j(arch, arch.startsWith("preresnet:47") ? new int[] {13, 1}
                : new int[] {13, 1, 40, 300});
        }
    }

    /**
     * Winograd convolutions (oneDNN's choice for 3×3 stride-1 layers, the default) compute what direct ones
     * do within their rounding: the loss to 1e-4, every gradient block and the predictions to 1%.
     */
    @ParameterizedTest
    @ValueSource(strings = {"vgg:16,16,M,32/16", "preresnet:8", "wrn:10x2"})
    void winogradConvolutionsAgreeWithDirectOnes(String arch) {
        ImageShape image = new ImageShape(3, 16, 16);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), image.size(), image, CLASSES);
        Nd4j.getRandom().setSeed(11);
        int batch = 32;
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, image.size());
        int[] labels = new int[batch];
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, CLASSES.size());
        for (int i = 0; i < batch; i++) {
            labels[i] = i % CLASSES.size();
            y.putScalar(i, labels[i], 1f);
        }
        float[][] gradients = new float[2][];
        float[][] predictions = new float[2][];
        double[] losses = new double[2];
        for (int run = 0; run < 2; run++) {
            try (ComputeContext context = ComputeContext.open(ComputeOptions.DEFAULTS.withConvolution(run == 1 ? "direct"
                : "auto")); ExecutableNetwork net = ExecutableNetwork.create(spec, context)) {
                net.setParameters(net.layout().initialise(3));
                losses[run] = net.computeGradient(x, y, labels).loss();
                gradients[run] = net.gradients().dup().data().asFloat();
                predictions[run] = net.predict(x).dup().data().asFloat();
            }
        }
        assertThat(losses[0]).isCloseTo(losses[1], within(1e-4 * losses[1]));
        assertThat(predictions[0]).containsExactly(predictions[1], within(1e-2f));
        for (ParameterBlock b : ParameterLayouts.layoutOf(spec).blocks()) {
            double diff = 0;
            double norm = 0;
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                diff += Math.pow(gradients[0][(int) i] - gradients[1][(int) i], 2);
                norm += Math.pow(gradients[1][(int) i], 2);
            }
            // (a bias before BatchNorm has a gradient of zero but for rounding)
            assertThat(Math.sqrt(diff)).as(arch + " " + b.layer() + "_" + b.name())
                .isLessThanOrEqualTo(1e-2 * Math.sqrt(norm) + 1e-5);
        }
    }

    private static void compareWithDeeplearning4j(String arch, int[] batches) {
        boolean blockRelative = !arch.startsWith("mlp") && !arch.startsWith("cnn");
        String[] parts = arch.split(" ");
        ImageShape image = null;
        int features = 20;
        if (parts.length > 1) {
            String[] chw = parts[1].split("x");
            image = new ImageShape(Integer.parseInt(chw[0]), Integer.parseInt(chw[1]), Integer.parseInt(chw[2]));
            features = image.size();
        }
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(parts[0]), features, image, CLASSES);
        ExecutableNetwork own = ExecutableNetwork.create(spec);
        ExecutableNetwork generic = ExecutableNetwork.createWithGenericLayers(spec);
        float[] p = own.layout().initialise(5);
        // non-trivial BatchNorm parameters and running statistics
        for (ParameterBlock b : own.layout().blocks()) {
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                switch (b.kind()) {
                    case BN_GAMMA -> p[(int) i] = 0.5f + (i % 7) / 7f;
                    case BN_BETA -> p[(int) i] = (i % 5) / 10f - 0.2f;
                    case BN_MEAN -> p[(int) i] = (i % 3) / 10f;
                    case BN_VAR -> p[(int) i] = 0.5f + (i % 4) / 4f;
                    default -> { }
                }
            }
        }
        own.setParameters(p);
        generic.setParameters(p);
        Nd4j.getRandom().setSeed(7);
        for (int batch : batches) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, features).muli(2).subi(0.5);
            int[] labels = new int[batch];
            INDArray y = Nd4j.zeros(DataType.FLOAT, batch, CLASSES.size());
            for (int i = 0; i < batch; i++) {
                labels[i] = (i * 3) % CLASSES.size();
                y.putScalar(i, labels[i], 1f);
            }
            if (batch == 1 && spec.architecture().hasBatchNorm()) {
                // Deeplearning4j's BatchNorm cannot train on one row; predicting one row must work
                assertThat(own.predict(x).data().asFloat())
                    .containsExactly(generic.predict(x).dup().data().asFloat(), within(1e-5f));
                continue;
            }
            BatchResult a = own.computeGradient(x, y, labels);
            BatchResult b = generic.computeGradient(x, y, labels);
            assertThat(a.loss()).isCloseTo(b.loss(), within(1e-5));
            // a row whose two likeliest classes are as likely as rounding can tell may be counted either way
            assertThat(Math.abs(a.errors() - b.errors())).as("misclassified rows, own %d, Deeplearning4j's %d",
                a.errors(), b.errors()).isLessThanOrEqualTo(nearTies(trainingOutputs(own, x), 1e-4f));
            float[] ga = own.gradients().dup().data().asFloat();
            float[] gb = generic.gradients().dup().data().asFloat();
            float[] xs = x.dup().data().asFloat();
            float[] gr = blockRelative ? reversedRowsGradient(spec, p, x, y, labels) : null;
            for (ParameterBlock blk : own.layout().blocks()) {
                if (blockRelative) {
                    // Deep residual networks amplify float rounding towards the input, and a value rounded to the
                    // other side of a ReLU's kink moves a whole gradient entry: each block is compared as a vector,
                    // against how far Deeplearning4j's gradient itself moves when only the order of the batch's
                    // rows changes, plus 5% (a wrong kernel is off by far more, about 100%).
                    double diff = 0;
                    double spread = 0;
                    double norm = 0;
                    for (long i = blk.offset(); i < blk.offset() + blk.length(); i++) {
                        if (blk.kind() == ParameterKind.BN_VAR) {
                            continue;
                        }
                        diff += Math.pow(ga[(int) i] - gb[(int) i], 2);
                        spread += Math.pow(gr[(int) i] - gb[(int) i], 2);
                        norm += Math.pow(gb[(int) i], 2);
                    }
                    assertThat(Math.sqrt(diff)).as(arch + " " + blk.layer() + "_" + blk.name() + " batch " + batch)
                        .isLessThanOrEqualTo(3 * Math.sqrt(spread) + 5e-2 * Math.sqrt(norm) + 1e-6);
                    if (blk.kind() != ParameterKind.BN_VAR) {
                        continue;
                    }
                }
                for (long i = blk.offset(); i < blk.offset() + blk.length(); i++) {
                    float expected = gb[(int) i];
                    assertThat(ga[(int) i]).as(arch + " " + blk.layer() + "_" + blk.name() + "[" + (i - blk.offset()) + "]")
                        .isCloseTo(expected, within(2e-5f + 1e-4f * Math.abs(expected)));
                }
            }
            assertThat(xs).isEqualTo(x.dup().data().asFloat());
            INDArray pa = own.predict(x);
            INDArray pb = generic.predict(x);
            assertThat(pa.shape()).isEqualTo(pb.shape());
            assertThat(pa.data().asFloat()).containsExactly(pb.dup().data().asFloat(), within(1e-5f));
            List<String> bnInputs = own.layout().blocks().stream().filter(k -> k.kind() == ParameterKind.BN_MEAN)
                .map(k -> generic.graph().orElseThrow().getConfiguration().getVertexInputs().get(k.layer()).get(0)).toList();
            if (!bnInputs.isEmpty()) {
                INDArray[] za = own.trainingActivations(bnInputs, x);
                INDArray[] zb = generic.trainingActivations(bnInputs, x);
                for (int l = 0; l < za.length; l++) {
                    float[] expected = zb[l].dup().data().asFloat();
                    float[] actual = za[l].dup().data().asFloat();
                    double scale = 0;
                    for (float v : expected) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    float tolerance = (float) (1e-5 + (blockRelative ? 1e-4 * scale : 0));
                    for (int i = 0; i < actual.length; i++) {
                        assertThat(actual[i]).as(arch + " BN input " + bnInputs.get(l)).isCloseTo(expected[i],
                            within(tolerance));
                    }
                }
            }
        }
    }

    /** Deeplearning4j's gradient on the same batch with its rows in reverse order. */
    private static float[] reversedRowsGradient(NetworkSpec spec, float[] p, INDArray x, INDArray y, int[] labels) {
        ExecutableNetwork generic = ExecutableNetwork.createWithGenericLayers(spec);
        generic.setParameters(p);
        int batch = labels.length;
        int[] rows = new int[batch];
        int[] reversedLabels = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = batch - 1 - i;
            reversedLabels[i] = labels[rows[i]];
        }
        generic.computeGradient(x.getRows(rows).dup(), y.getRows(rows).dup(), reversedLabels);
        return generic.gradients().dup().data().asFloat();
    }

    /** Deeplearning4j's BatchNorm moves its running variance towards the unbiased batch variance too. */
    @Test
    void deeplearning4jsRunningVarianceFollowsTheOneConvention() {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:6"), 5, null, CLASSES);
        try (ExecutableNetwork generic = ExecutableNetwork.createWithGenericLayers(spec)) {
            float[] p = generic.layout().initialise(2);
            generic.setParameters(p);
            Nd4j.getRandom().setSeed(3);
            int batch = 9;
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 5);
            int[] labels = new int[batch];
            INDArray y = Nd4j.zeros(DataType.FLOAT, batch, CLASSES.size());
            for (int i = 0; i < batch; i++) {
                labels[i] = i % CLASSES.size();
                y.putScalar(i, labels[i], 1f);
            }
            float[] z = generic.trainingActivations(List.of("dense0"), x)[0].dup().data().asFloat();
            generic.computeGradient(x, y, labels);
            ParameterBlock var = generic.layout().blocks().stream().filter(b -> b.kind() == ParameterKind.BN_VAR)
                .findFirst().orElseThrow();
            for (int u = 0; u < 6; u++) {
                double mean = 0;
                for (int r = 0; r < batch; r++) {
                    mean += z[r * 6 + u] / batch;
                }
                double ss = 0;
                for (int r = 0; r < batch; r++) {
                    ss += Math.pow(z[r * 6 + u] - mean, 2);
                }
                double running = p[(int) var.offset() + u];
                double expected = org.modeconn.engine.network.layers.BatchNormConvention.MOMENTUM
                    * (running - ss / (batch - 1));
                assertThat(generic.gradients().getDouble(var.offset() + u)).isCloseTo(expected, within(1e-5));
            }
        }
    }

    /**
     * The output layer's values for {@code x} in training mode (BatchNorm on batch statistics), as errors are counted;
     * for dense stacks, whose passes give hidden layers only, the inference-mode probabilities.
     */
    private static INDArray trainingOutputs(ExecutableNetwork net, INDArray x) {
        if (net.spec().imageShape() == null) {
            return net.predict(x);
        }
        var nodes = net.spec().layers().nodes();
        return net.trainingActivations(List.of(nodes.get(nodes.size() - 1).name()), x)[0];
    }

    /** Rows of {@code probabilities} whose two largest values are within {@code tolerance}. */
    private static int nearTies(INDArray probabilities, float tolerance) {
        float[] p = probabilities.dup().data().asFloat();
        int classes = (int) probabilities.size(1);
        int ties = 0;
        for (int r = 0; r < p.length / classes; r++) {
            float first = Float.NEGATIVE_INFINITY;
            float second = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                float v = p[r * classes + c];
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            if (first - second <= tolerance) {
                ties++;
            }
        }
        return ties;
    }
}
