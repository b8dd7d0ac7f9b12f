package org.modeconn.engine.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.LayerGraphSpec;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.layers.LayerOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolutions and pools with kH ≠ kW, different strides and paddings per direction, average pools that count
 * their padding or not, and zeros added unevenly around an image (as imported ONNX models have them) compute the same loss and gradients on every
 * path: the layer kernels on oneDNN and on libnd4j, and Deeplearning4j's layers.
 */
public class WindowedLayersTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");

    /**
     * 2×9×7 → conv 1×3 stride (1, 2) padding (0, 1) to 16 channels (a blocked format under oneDNN) → BN → ReLU →
     * max-pool 3×2 stride (2, 1) padding (1, 1) → zeros 1 above and 2 to the right → conv 3×1 stride (2, 1)
     * padding (1, 0) → average pool 3×3 padding 1 counting it → average pool 2×3 padding (1, 1) not counting it →
     * global pool.
     */
    public static NetworkSpec spec() {
        NetworkSpec spec = windows();
        assertThat(spec.layers().nodes().get(0).output().toString()).isEqualTo("16x9x4");
        assertThat(spec.layers().nodes().get(3).output().toString()).isEqualTo("16x5x5");
        assertThat(spec.layers().nodes().get(4).output().toString()).isEqualTo("16x6x7");
        assertThat(spec.layers().nodes().get(5).output().toString()).isEqualTo("5x3x7");
        assertThat(spec.layers().nodes().get(7).output().toString()).isEqualTo("5x4x7");
        return spec;
    }

    private static NetworkSpec windows() {
        LayerGraphSpec graph = new LayerGraphSpec("windows", List.of(
            new LayerGraphSpec.Layer(new LayerOp.Conv(16, 1, 3, 1, 2, 0, 1, true), List.of(-1)),
            new LayerGraphSpec.Layer(new LayerOp.BatchNorm(), List.of(0)),
            new LayerGraphSpec.Layer(new LayerOp.Relu(), List.of(1)),
            new LayerGraphSpec.Layer(new LayerOp.MaxPool(3, 2, 2, 1, 1, 1), List.of(2)),
            new LayerGraphSpec.Layer(new LayerOp.ZeroPad(1, 0, 0, 2), List.of(3)),
            new LayerGraphSpec.Layer(new LayerOp.Conv(5, 3, 1, 2, 1, 1, 0, false), List.of(4)),
            new LayerGraphSpec.Layer(new LayerOp.AvgPool(3, 3, 1, 1, 1, 1, true), List.of(5)),
            new LayerGraphSpec.Layer(new LayerOp.AvgPool(2, 3, 1, 1, 1, 1, false), List.of(6)),
            new LayerGraphSpec.Layer(new LayerOp.GlobalAvgPool(), List.of(7))));
        ImageShape image = new ImageShape(2, 9, 7);
        return new NetworkSpec(graph, image.size(), image, CLASSES);
    }

    /**
     * Pools padded more at the end than at the start, as ceil_mode and PyTorch's exporter make them: 2×11×12 →
     * conv 3×3 to 16 channels → BN (values of either sign) → max-pool 2×2 by 2 with a row of −∞ below → average
     * pool 3×3 by 2 padded by 1 with a column more to the right, not counted → average pool 2×2 by 2 with a row more,
     * asked to count its padding (of which it has none at the start) → global pool. Every window reaches the image,
     * and every padding some window.
     */
    public static NetworkSpec unevenPools() {
        LayerGraphSpec graph = new LayerGraphSpec("uneven", List.of(
            new LayerGraphSpec.Layer(new LayerOp.Conv(16, 3, 1, 1, true), List.of(-1)),
            new LayerGraphSpec.Layer(new LayerOp.BatchNorm(), List.of(0)),
            new LayerGraphSpec.Layer(new LayerOp.MaxPool(2, 2, 2, 2, 0, 0, 1, 0), List.of(1)),
            new LayerGraphSpec.Layer(new LayerOp.AvgPool(3, 3, 2, 2, 1, 1, 0, 1, false), List.of(2)),
            new LayerGraphSpec.Layer(new LayerOp.AvgPool(2, 2, 2, 2, 0, 0, 1, 0, true), List.of(3)),
            new LayerGraphSpec.Layer(new LayerOp.GlobalAvgPool(), List.of(4))));
        ImageShape image = new ImageShape(2, 11, 12);
        NetworkSpec spec = new NetworkSpec(graph, image.size(), image, CLASSES);
        assertThat(spec.layers().nodes().get(2).output().toString()).isEqualTo("16x6x6");
        assertThat(spec.layers().nodes().get(3).output().toString()).isEqualTo("16x3x4");
        assertThat(spec.layers().nodes().get(4).output().toString()).isEqualTo("16x2x2");
        return spec;
    }

    @Test
    void poolsPaddedMoreAtTheEndComputeTheSameOnOneDnnAndLibnd4j() {
        compareKernels(unevenPools());
    }

    /** The layer kernels on oneDNN and on libnd4j give the same loss, gradients and predictions. */
    private static void compareKernels(NetworkSpec spec) {
        float[] p = ParameterLayouts.layoutOf(spec).initialise(3);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, spec.inputFeatures()).muli(2).subi(0.5);
        int[] labels = new int[16];
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, CLASSES.size());
        for (int i = 0; i < 16; i++) {
            labels[i] = i % CLASSES.size();
            y.putScalar(i, labels[i], 1f);
        }
        float[][] gradients = new float[2][];
        float[][] predictions = new float[2][];
        double[] losses = new double[2];
        String[] kernels = {"onednn", "libnd4j"};
        for (int k = 0; k < 2; k++) {
            try (ComputeContext context = ComputeContext.open(ComputeOptions.DEFAULTS.withLayerKernels(kernels[k]));
                    ExecutableNetwork net = ExecutableNetwork.create(spec, context)) {
                assertThat(context.kernels().oneDnn()).isEqualTo(k == 0);
                net.setParameters(p);
                losses[k] = net.computeGradient(x, y, labels).loss();
                gradients[k] = net.gradients().dup().data().asFloat();
                predictions[k] = net.predict(x).dup().data().asFloat();
            }
        }
        assertThat(losses[0]).isCloseTo(losses[1], within(1e-5));
        float scale = 0;
        for (float g : gradients[1]) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertThat(scale).isPositive();
        for (int i = 0; i < gradients[0].length; i++) {
            assertThat(gradients[0][i]).as("gradient %d", i).isCloseTo(gradients[1][i], within(1e-4f * scale));
        }
        assertThat(predictions[0]).containsExactly(predictions[1], within(1e-5f));
    }

    @Test
    void aPoolPaddedBeyondItsLastWindowRunsOnOneDnnAsOnLibnd4j() {
        // an average over 3×3 with 3 rows below 4 and 2 columns right of 5: the windows reach 2 and 1 of them, and
        // oneDNN takes no average padded by a whole window
        LayerGraphSpec graph = new LayerGraphSpec("surplus", List.of(
            new LayerGraphSpec.Layer(new LayerOp.Conv(16, 3, 1, 1, true), List.of(-1)),
            new LayerGraphSpec.Layer(new LayerOp.AvgPool(3, 3, 2, 2, 1, 1, 2, 1, false), List.of(0)),
            new LayerGraphSpec.Layer(new LayerOp.GlobalAvgPool(), List.of(1))));
        ImageShape image = new ImageShape(2, 4, 5);
        NetworkSpec spec = new NetworkSpec(graph, image.size(), image, CLASSES);
        assertThat(spec.layers().nodes().get(1).output().toString()).isEqualTo("16x3x3");
        compareKernels(spec);
    }

    @Test
    void deeplearning4jsLayersRefuseAPoolPaddedMoreAtTheEndSayingWhereItRuns() {
        assertThatThrownBy(() -> ExecutableNetwork.createWithGenericLayers(unevenPools()))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("padded more at the end")
            .satisfies(e -> assertThat(((InvalidInputException) e).resolutions()).anyMatch(r -> r.contains("CPU")));
    }

    @Test
    void anAveragePoolCountingItsEvenPaddingButNotTheUnevenIsRefused() {
        assertThatThrownBy(() -> new LayerOp.AvgPool(3, 3, 2, 2, 1, 1, 1, 0, true))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pad with zeros before it");
        assertThat(new LayerOp.AvgPool(2, 2, 2, 2, 0, 0, 1, 0, true).countIncludePad()).isFalse();
    }

    /** Each first layer on an input of 16 channels, which oneDNN keeps in a blocked format. */
    static NetworkSpec sixteenChannels(LayerOp first) {
        LayerGraphSpec graph = new LayerGraphSpec("sixteen", List.of(new LayerGraphSpec.Layer(first, List.of(-1)),
            new LayerGraphSpec.Layer(new LayerOp.Conv(3, 3, 1, 1, true), List.of(0)),
            new LayerGraphSpec.Layer(new LayerOp.GlobalAvgPool(), List.of(1))));
        ImageShape image = new ImageShape(16, 5, 5);
        return new NetworkSpec(graph, image.size(), image, CLASSES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv", "bn", "pad", "pool"})
    void anInputOfSixteenChannelsIsReadInTheFormatItIsKeptIn(String first) {
        LayerOp op = switch (first) {
            case "conv" -> new LayerOp.Conv(16, 3, 1, 1, true);
            case "bn" -> new LayerOp.BatchNorm();
            case "pad" -> new LayerOp.ZeroPad(1, 0, 2, 1);
            default -> new LayerOp.MaxPool(3, 3, 1, 1, 1, 1);
        };
        compare(sixteenChannels(op), "onednn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"onednn", "libnd4j"})
    void aDenseLayerWithoutABiasMatchesDeeplearning4j(String kernels) {
        // as torch.nn.Linear(bias=False) before a BatchNorm1d imports
        LayerGraphSpec graph = new LayerGraphSpec("no-bias", List.of(
            new LayerGraphSpec.Layer(new LayerOp.Dense(8, false), List.of(-1)),
            new LayerGraphSpec.Layer(new LayerOp.BatchNorm(), List.of(0)),
            new LayerGraphSpec.Layer(new LayerOp.Relu(), List.of(1))));
        compare(new NetworkSpec(graph, 6, null, CLASSES), kernels);
    }

    @ParameterizedTest
    @ValueSource(strings = {"onednn", "libnd4j"})
    void layerKernelsMatchDeeplearning4jLayers(String kernels) {
        compare(spec(), kernels);
    }

    private static void compare(NetworkSpec spec, String kernels) {
        try (ComputeContext context = ComputeContext.open(ComputeOptions.DEFAULTS.withLayerKernels(kernels)
                .withConvolution("direct"))) {
            ExecutableNetwork own = ExecutableNetwork.create(spec, context);
            ExecutableNetwork generic = ExecutableNetwork.createWithGenericLayers(spec);
            float[] p = own.layout().initialise(3);
            own.setParameters(p);
            generic.setParameters(p);
            Nd4j.getRandom().setSeed(5);
            int batch = 16;
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, spec.inputFeatures()).muli(2).subi(0.5);
            int[] labels = new int[batch];
            INDArray y = Nd4j.zeros(DataType.FLOAT, batch, CLASSES.size());
            for (int i = 0; i < batch; i++) {
                labels[i] = i % CLASSES.size();
                y.putScalar(i, labels[i], 1f);
            }
            BatchResult a = own.computeGradient(x, y, labels);
            BatchResult b = generic.computeGradient(x, y, labels);
            assertThat(a.loss()).isCloseTo(b.loss(), within(1e-5));
            float[] ga = own.gradients().dup().data().asFloat();
            float[] gb = generic.gradients().dup().data().asFloat();
            float scale = 0;
            for (float g : gb) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertThat(scale).isPositive();
            for (int i = 0; i < ga.length; i++) {
                assertThat(ga[i]).as("gradient %d", i).isCloseTo(gb[i], within(1e-4f * scale));
            }
            assertThat(own.predict(x).data().asFloat()).containsExactly(generic.predict(x).dup().data().asFloat(),
                within(1e-5f));
            own.close();
            generic.close();
        }
    }
}
