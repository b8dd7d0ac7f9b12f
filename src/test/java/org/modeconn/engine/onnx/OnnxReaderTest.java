package org.modeconn.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.network.LayerGraphSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.runtime.WindowedLayersTest;

/** {@link OnnxReader}: what export writes comes back the same; what cannot be represented is refused by name. */
class OnnxReaderTest {

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("org.modeconn.engine.onnx.OnnxWriterTest#families")
    void exportThenImportGivesTheSameLayersParametersAndPredictions(String arch, String input) {
        Dataset data = OnnxWriterTest.randomData(input, 16, 1);
        Network original = OnnxWriterTest.randomNetwork(arch, data, 2);

        Network imported = OnnxReader.read(OnnxWriter.network(original).toByteArray(), "model.onnx",
            ImportOptions.DEFAULTS);

        assertThat(imported.spec().architecture()).isInstanceOf(LayerGraphSpec.class);
        assertThat(imported.spec().layers().nodes().stream().map(LayerNode::op).toList())
            .isEqualTo(original.spec().layers().nodes().stream().map(LayerNode::op).toList());
        assertThat(imported.spec().classNames()).isEqualTo(original.spec().classNames());
        assertThat(imported.parameters()).isEqualTo(original.parameters());
        assertThat(imported.scaling().shift()).isEqualTo(original.scaling().shift());
        assertThat(imported.scaling().factor()).isEqualTo(original.scaling().factor());
        assertThat(Predictor.predict(imported, data).probabilities())
            .isEqualTo(Predictor.predict(original, data).probabilities());
    }

    @Test
    void unevenPaddingOfAConvolutionOrACountingAveragePoolImportsAsZerosBeforeIt() throws Exception {
        NetworkSpec spec = WindowedLayersTest.spec();
        Dataset data = OnnxWriterTest.randomData("2x9x7", 12, 3);
        Network network = new Network(new NetworkSpec(spec.architecture(), spec.inputFeatures(), spec.imageShape(),
            List.of("zero", "one", "two")), FeatureScaling.none(spec.inputFeatures()),
            ParameterLayouts.layoutOf(spec).initialise(4), null, null);
        Onnx.ModelProto.Builder b = OnnxWriter.network(network).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            Onnx.NodeProto n = g.getNode(i);
            boolean conv = n.getOpType().equals("Conv") && i > 0;
            boolean counting = n.getOpType().equals("AveragePool") && n.getAttributeList().stream()
                .anyMatch(a -> a.getName().equals("count_include_pad") && a.getI() == 1);
            if (conv || counting) {
                Onnx.NodeProto.Builder nb = n.toBuilder();
                for (int k = 0; k < nb.getAttributeCount(); k++) {
                    if (nb.getAttribute(k).getName().equals("pads")) {
                        // top, left, bottom, right
                        long[] pads = conv ? new long[] {2, 0, 0, 1} : new long[] {1, 0, 0, 1};
                        Onnx.AttributeProto.Builder ab = nb.getAttribute(k).toBuilder().clearInts();
                        for (long p : new long[] {pads[0], pads[1], pads[2], pads[3]}) {
                            ab.addInts(p);
                        }
                        nb.setAttribute(k, ab);
                    }
                }
                g.setNode(i, nb);
            }
        }
        Onnx.ModelProto uneven = b.build();

        Network imported = OnnxReader.read(uneven.toByteArray(), "uneven.onnx", ImportOptions.DEFAULTS);

        assertThat(imported.spec().layers().nodes().stream().filter(n -> n.op() instanceof LayerOp.ZeroPad).count())
            .isEqualTo(3);
        float[][] theirs = OnnxWriterTest.run(uneven, data);
        float[] ours = Predictor.predict(imported, data).probabilities();
        for (int i = 0; i < theirs.length; i++) {
            for (int c = 0; c < theirs[i].length; c++) {
                assertThat(ours[i * theirs[i].length + c]).isCloseTo(theirs[i][c], within(1e-4f));
            }
        }
    }

    @Test
    void unevenPaddingOfAMaxPoolAfterAReluImportsAsZerosBeforeIt() throws Exception {
        NetworkSpec spec = WindowedLayersTest.spec();
        Dataset data = OnnxWriterTest.randomData("2x9x7", 12, 3);
        Network network = new Network(new NetworkSpec(spec.architecture(), spec.inputFeatures(), spec.imageShape(),
            List.of("zero", "one", "two")), FeatureScaling.none(spec.inputFeatures()),
            ParameterLayouts.layoutOf(spec).initialise(4), null, null);
        Onnx.ModelProto.Builder b = OnnxWriter.network(network).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("MaxPool")) {
                Onnx.NodeProto.Builder nb = g.getNode(i).toBuilder();
                for (int k = 0; k < nb.getAttributeCount(); k++) {
                    if (nb.getAttribute(k).getName().equals("pads")) {
                        nb.setAttribute(k, nb.getAttribute(k).toBuilder().clearInts().addInts(1).addInts(1).addInts(0)
                            .addInts(1));
                    }
                }
                g.setNode(i, nb);
            }
        }
        Onnx.ModelProto uneven = b.build();

        Network imported = OnnxReader.read(uneven.toByteArray(), "m.onnx", ImportOptions.DEFAULTS);

        // the max-pool reads a ReLU's output, which is never negative: zeros stand for its −∞ padding
        float[][] theirs = OnnxWriterTest.run(uneven, data);
        float[] ours = Predictor.predict(imported, data).probabilities();
        for (int i = 0; i < theirs.length; i++) {
            for (int c = 0; c < theirs[i].length; c++) {
                assertThat(ours[i * theirs[i].length + c]).isCloseTo(theirs[i][c], within(1e-4f));
            }
        }
    }

    /** Conv 3×3 → (ReLU) → max-pool 3×3 stride 2 on 8×8, exported, then given {@code attribute}. */
    private static Onnx.ModelProto withPoolAttribute(boolean relu, Onnx.AttributeProto attribute) {
        List<LayerGraphSpec.Layer> layers = new java.util.ArrayList<>(List.of(
            new LayerGraphSpec.Layer(new LayerOp.Conv(4, 3, 1, 1, true), List.of(-1))));
        if (relu) {
            layers.add(new LayerGraphSpec.Layer(new LayerOp.Relu(), List.of(0)));
        }
        layers.add(new LayerGraphSpec.Layer(new LayerOp.MaxPool(3, 2), List.of(layers.size() - 1)));
        layers.add(new LayerGraphSpec.Layer(new LayerOp.GlobalAvgPool(), List.of(layers.size() - 1)));
        NetworkSpec spec = new NetworkSpec(new LayerGraphSpec("ceil", layers), 2 * 8 * 8,
            new org.modeconn.engine.data.ImageShape(2, 8, 8), List.of("zero", "one", "two"));
        Network network = new Network(spec, FeatureScaling.none(spec.inputFeatures()),
            ParameterLayouts.layoutOf(spec).initialise(6), null, null);
        Onnx.ModelProto.Builder b = OnnxWriter.network(network).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("MaxPool")) {
                Onnx.NodeProto.Builder node = g.getNode(i).toBuilder();
                node.clearAttribute();
                g.getNode(i).getAttributeList().stream().filter(a -> !a.getName().equals(attribute.getName()))
                    .forEach(node::addAttribute);
                g.setNode(i, node.addAttribute(attribute));
            }
        }
        return b.build();
    }

    private static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name);
        if (values.length == 1 && name.equals("ceil_mode")) {
            return a.setType(Onnx.AttributeProto.AttributeType.INT).setI(values[0]).build();
        }
        for (long v : values) {
            a.addInts(v);
        }
        return a.setType(Onnx.AttributeProto.AttributeType.INTS).build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCeilModeMaxPoolReadsItsPartialWindowsAsOnnxRuntimeComputesThem(boolean relu) throws Exception {
        Onnx.ModelProto model = withPoolAttribute(relu, ints("ceil_mode", 1));
        Dataset data = OnnxWriterTest.randomData("2x8x8", 10, 5);

        Network imported = OnnxReader.read(model.toByteArray(), "ceil.onnx", ImportOptions.DEFAULTS);

        // 8×8 → 3×3 windows by 2: ⌈5 / 2⌉ + 1 = 4 windows, the last one a column and a row over the edge
        LayerNode pool = imported.spec().layers().nodes().stream().filter(n -> n.op() instanceof LayerOp.MaxPool)
            .findFirst().orElseThrow();
        assertThat(pool.output().height()).isEqualTo(4);
        assertThat(((LayerOp.MaxPool) pool.op()).window().extraBottom()).isEqualTo(1);
        float[][] theirs = OnnxWriterTest.run(model, data);
        float[] ours = Predictor.predict(imported, data).probabilities();
        for (int i = 0; i < theirs.length; i++) {
            for (int c = 0; c < theirs[i].length; c++) {
                assertThat(ours[i * theirs[i].length + c]).isCloseTo(theirs[i][c], within(1e-4f));
            }
        }
    }

    @Test
    void endPaddingNoWindowReachesIsDropped() throws Exception {
        // PyTorch's opset-9 ceil_mode pads as far as a whole window (here 3 rows on a 3×3 pool), which oneDNN
        // refuses and ONNX Runtime too; the windows reach 2 of them
        Onnx.ModelProto surplus = withPoolAttribute(false, ints("pads", 1, 1, 3, 3));
        Onnx.ModelProto reached = withPoolAttribute(false, ints("pads", 1, 1, 2, 2));
        Dataset data = OnnxWriterTest.randomData("2x8x8", 10, 5);

        Network imported = OnnxReader.read(surplus.toByteArray(), "surplus.onnx", ImportOptions.DEFAULTS);

        LayerOp.MaxPool pool = (LayerOp.MaxPool) imported.spec().layers().nodes().stream()
            .filter(n -> n.op() instanceof LayerOp.MaxPool).findFirst().orElseThrow().op();
        assertThat(pool).isEqualTo(new LayerOp.MaxPool(3, 3, 2, 2, 1, 1, 1, 1));
        float[][] theirs = OnnxWriterTest.run(reached, data);
        float[] ours = Predictor.predict(imported, data).probabilities();
        for (int i = 0; i < theirs.length; i++) {
            for (int c = 0; c < theirs[i].length; c++) {
                assertThat(ours[i * theirs[i].length + c]).isCloseTo(theirs[i][c], within(1e-4f));
            }
        }
    }

    @Test
    void aMaxPoolPaddedMoreAtTheStartIsReadOnlyAfterARelu() throws Exception {
        Onnx.ModelProto afterRelu = withPoolAttribute(true, ints("pads", 1, 1, 0, 0));
        Dataset data = OnnxWriterTest.randomData("2x8x8", 10, 5);

        Network imported = OnnxReader.read(afterRelu.toByteArray(), "start.onnx", ImportOptions.DEFAULTS);

        assertThat(imported.spec().layers().nodes()).anyMatch(n -> n.op().equals(new LayerOp.ZeroPad(1, 1, 0, 0)));
        float[][] theirs = OnnxWriterTest.run(afterRelu, data);
        float[] ours = Predictor.predict(imported, data).probabilities();
        for (int i = 0; i < theirs.length; i++) {
            for (int c = 0; c < theirs[i].length; c++) {
                assertThat(ours[i * theirs[i].length + c]).isCloseTo(theirs[i][c], within(1e-4f));
            }
        }
        assertThatThrownBy(() -> OnnxReader.read(withPoolAttribute(false, ints("pads", 1, 1, 0, 0)).toByteArray(),
            "start.onnx", ImportOptions.DEFAULTS)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("larger at the start").hasMessageContaining("after a Relu");
    }

    /** A PreResNet exported, its GlobalAveragePool then written as the mean over {@code axes}. */
    private static Onnx.ModelProto meanOver(Network network, long... axes) {
        Onnx.ModelProto.Builder b = OnnxWriter.network(network).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("GlobalAveragePool")) {
                g.setNode(i, g.getNode(i).toBuilder().setOpType("ReduceMean").addAttribute(ints("axes", axes)));
            }
        }
        return b.build();
    }

    @Test
    void aMeanOverHeightAndWidthIsReadAsAGlobalAveragePool() throws Exception {
        Dataset data = OnnxWriterTest.randomData("3x8x8", 12, 4);
        Network network = OnnxWriterTest.randomNetwork("preresnet:8", data, 5);
        Onnx.ModelProto model = meanOver(network, -1, 2);

        Network imported = OnnxReader.read(model.toByteArray(), "mean.onnx", ImportOptions.DEFAULTS);

        assertThat(imported.spec().architecture()).isEqualTo(
            OnnxReader.read(OnnxWriter.network(network).toByteArray(), "gap.onnx", ImportOptions.DEFAULTS).spec()
                .architecture());
        float[][] theirs = OnnxWriterTest.run(model, data);
        float[] ours = Predictor.predict(imported, data).probabilities();
        for (int i = 0; i < theirs.length; i++) {
            for (int c = 0; c < theirs[i].length; c++) {
                assertThat(ours[i * theirs[i].length + c]).isCloseTo(theirs[i][c], within(1e-4f));
            }
        }
        assertThatThrownBy(() -> OnnxReader.read(meanOver(network, 1).toByteArray(), "channels.onnx",
            ImportOptions.DEFAULTS)).isInstanceOf(InvalidInputException.class).hasMessageContaining("ReduceMean")
            .hasMessageContaining("axes [1]");
    }

    @Test
    void anUnsupportedOperatorIsRefusedByNameWithWhatIsRead() {
        Onnx.ModelProto model = OnnxWriter.network(mlp());
        Onnx.ModelProto.Builder b = model.toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("Relu")) {
                g.setNode(i, g.getNode(i).toBuilder().setOpType("Sigmoid"));
            }
        }

        assertThatThrownBy(() -> OnnxReader.read(b.build().toByteArray(), "m.onnx", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("Sigmoid").hasMessageContaining("Relu_")
            .satisfies(e -> assertThat(((InvalidInputException) e).resolutions()).anyMatch(r -> r.contains("Conv, BatchNormalization")));
    }

    @Test
    void aSoftmaxOverAnotherAxisThanTheClassesIsRefused() {
        Onnx.ModelProto.Builder b = OnnxWriter.network(mlp()).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (g.getNode(i).getOpType().equals("Softmax")) {
                g.setNode(i, g.getNode(i).toBuilder().setAttribute(0, g.getNode(i).getAttribute(0).toBuilder().setI(0)));
            }
        }

        assertThatThrownBy(() -> OnnxReader.read(b.build().toByteArray(), "m.onnx", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("over axis 0");
    }

    @Test
    void anImageInputWithoutConvolutionsStaysAnImageAndADeadBranchIsRefused() throws Exception {
        // input [N, 2, 3, 3] → BatchNorm over its 2 channels → Flatten → Gemm to 3 classes
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("bn-image");
        g.addInput(OnnxFormat.valueInfo("x", new long[] {-1, 2, 3, 3}));
        g.addOutput(OnnxFormat.valueInfo("y", new long[] {-1, 3}));
        float[] p = {1.5f, 0.5f, 0.2f, -0.3f, 0.1f, -0.2f, 0.8f, 1.2f};
        g.addInitializer(OnnxFormat.tensor("gamma", new long[] {2}, p, 0, 2));
        g.addInitializer(OnnxFormat.tensor("beta", new long[] {2}, p, 2, 2));
        g.addInitializer(OnnxFormat.tensor("mean", new long[] {2}, p, 4, 2));
        g.addInitializer(OnnxFormat.tensor("var", new long[] {2}, p, 6, 2));
        float[] w = new float[3 * 18];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i);
        }
        g.addInitializer(OnnxFormat.tensor("w", new long[] {3, 18}, w, 0, w.length));
        g.addInitializer(OnnxFormat.tensor("b", new long[] {3}, new float[] {0.1f, 0f, -0.1f}, 0, 3));
        g.addNode(OnnxFormat.node("bn", "BatchNormalization", List.of("x", "gamma", "beta", "mean", "var"), "z",
            java.util.Map.of()));
        g.addNode(OnnxFormat.node("flat", "Flatten", List.of("z"), "f", java.util.Map.of("axis", 1L)));
        g.addNode(OnnxFormat.node("fc", "Gemm", List.of("f", "w", "b"), "y", java.util.Map.of("transB", 1L)));
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder().setIrVersion(OnnxFormat.IR_VERSION).setGraph(g)
            .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(OnnxFormat.OPSET)).build();
        Dataset data = OnnxWriterTest.randomData("2x3x3", 5, 2);

        Network imported = OnnxReader.read(model.toByteArray(), "bn.onnx",
            new ImportOptions(List.of("zero", "one", "two"), "none"));

        float[][] logits = OnnxWriterTest.run(model, data, "y");
        float[] ours = Predictor.predict(imported, data).probabilities();
        assertSoftmaxOf(logits, ours);

        g.addNode(OnnxFormat.node("unused", "Relu", List.of("z"), "dead", java.util.Map.of()));
        Onnx.ModelProto dead = model.toBuilder().setGraph(g).build();
        assertThatThrownBy(() -> OnnxReader.read(dead.toByteArray(), "dead.onnx", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("whose output nothing reads");
    }

    /**
     * A PyTorch MLP on images, {@code nn.Flatten()} first: input [N, 1, 4, 4] → Flatten (or Reshape to [N, −1]) →
     * Sub of one value per pixel → Gemm 16→5 → Relu → Gemm 5→3.
     */
    private static Onnx.ModelProto mlpOnImages(boolean reshape, long flattenAxis) {
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("flatten-first");
        g.addInput(OnnxFormat.valueInfo("x", new long[] {-1, 1, 4, 4}));
        g.addOutput(OnnxFormat.valueInfo("y", new long[] {-1, 3}));
        float[] mean = new float[16];
        float[] w1 = new float[5 * 16];
        float[] w2 = new float[3 * 5];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) Math.sin(0.7 * i);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) Math.cos(1.3 * i);
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] = 0.03f * i;
        }
        g.addInitializer(OnnxFormat.tensor("mean", new long[] {16}, mean, 0, 16));
        g.addInitializer(OnnxFormat.tensor("w1", new long[] {5, 16}, w1, 0, w1.length));
        g.addInitializer(OnnxFormat.tensor("b1", new long[] {5}, new float[] {0.1f, -0.2f, 0f, 0.3f, 0.05f}, 0, 5));
        g.addInitializer(OnnxFormat.tensor("w2", new long[] {3, 5}, w2, 0, w2.length));
        g.addInitializer(OnnxFormat.tensor("b2", new long[] {3}, new float[] {0f, 0.1f, -0.1f}, 0, 3));
        if (reshape) {
            g.addInitializer(OnnxFormat.longs("rows", 0, -1));
            g.addNode(OnnxFormat.node("flat", "Reshape", List.of("x", "rows"), "f", java.util.Map.of()));
        } else {
            g.addNode(OnnxFormat.node("flat", "Flatten", List.of("x"), "f", java.util.Map.of("axis", flattenAxis)));
        }
        g.addNode(OnnxFormat.node("centre", "Sub", List.of("f", "mean"), "c", java.util.Map.of()));
        g.addNode(OnnxFormat.node("fc1", "Gemm", List.of("c", "w1", "b1"), "h", java.util.Map.of("transB", 1L)));
        g.addNode(OnnxFormat.node("relu", "Relu", List.of("h"), "r", java.util.Map.of()));
        g.addNode(OnnxFormat.node("fc2", "Gemm", List.of("r", "w2", "b2"), "y", java.util.Map.of("transB", 1L)));
        return Onnx.ModelProto.newBuilder().setIrVersion(OnnxFormat.IR_VERSION).setGraph(g)
            .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(OnnxFormat.OPSET)).build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anImageInputFlattenedFirstIsReadAsADenseLayerOnTheImage(boolean reshape) throws Exception {
        Onnx.ModelProto model = mlpOnImages(reshape, 1);
        Dataset data = OnnxWriterTest.randomData("1x4x4", 7, 3);
        ImportOptions options = new ImportOptions(List.of("zero", "one", "two"), "none");

        Network imported = OnnxReader.read(model.toByteArray(), "flat.onnx", options);

        assertThat(imported.spec().imageShape()).isEqualTo(new ImageShape(1, 4, 4));
        assertThat(imported.spec().layers().nodes().get(0).op()).isInstanceOf(LayerOp.Dense.class);
        assertSoftmaxOf(OnnxWriterTest.run(model, data, "y"), Predictor.predict(imported, data).probabilities());
        // exported again (a Flatten before its first Gemm) it reads back to the same predictions
        Network again = OnnxReader.read(OnnxWriter.network(imported).toByteArray(), "again.onnx", options);
        assertThat(Predictor.predict(again, data).probabilities())
            .containsExactly(Predictor.predict(imported, data).probabilities(), within(1e-6f));
    }

    @Test
    void anImageInputFlattenedFromAnotherAxisIsRefused() {
        assertThatThrownBy(() -> OnnxReader.read(mlpOnImages(false, 2).toByteArray(), "axis2.onnx",
            ImportOptions.DEFAULTS)).isInstanceOf(InvalidInputException.class).hasMessageContaining("from axis 2");
    }

    @Test
    void aScalingWhoseInputIsAlsoReadUnscaledThroughAnotherNameIsRefused() {
        Onnx.ModelProto.Builder b = OnnxWriter.network(mlp()).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        // input → Identity "raw" → Sub (the scaling), while the first Gemm reads the input itself, unscaled
        g.addNode(0, OnnxFormat.node("alias", "Identity", List.of(OnnxFormat.INPUT), "raw", java.util.Map.of()));
        for (int i = 1; i < g.getNodeCount(); i++) {
            Onnx.NodeProto n = g.getNode(i);
            if (n.getOpType().equals("Sub")) {
                g.setNode(i, n.toBuilder().setInput(0, "raw"));
            } else if (n.getOpType().equals("Gemm")) {
                g.setNode(i, n.toBuilder().setInput(0, OnnxFormat.INPUT));
                break;
            }
        }

        assertThatThrownBy(() -> OnnxReader.read(b.build().toByteArray(), "m.onnx", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("Sub");
    }

    @Test
    void aHiddenMatMulWithoutABiasImportsAsADenseLayerWithoutOne() throws Exception {
        // input [N, 6] → MatMul (no Add) → BatchNorm → Relu → Gemm to 3 classes, as Linear(bias=False) exports
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("no-bias");
        g.addInput(OnnxFormat.valueInfo("x", new long[] {-1, 6}));
        g.addOutput(OnnxFormat.valueInfo("y", new long[] {-1, 3}));
        float[] w1 = new float[6 * 4];
        float[] w2 = new float[4 * 3];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = (float) Math.cos(i);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = (float) Math.sin(i + 1);
        }
        float[] bn = {1.2f, 0.8f, 1f, 0.9f, 0.1f, -0.1f, 0.2f, 0f, 0.3f, -0.2f, 0.1f, 0.05f, 1.1f, 0.7f, 0.9f, 1.3f};
        g.addInitializer(OnnxFormat.tensor("w1", new long[] {6, 4}, w1, 0, w1.length));
        g.addInitializer(OnnxFormat.tensor("w2", new long[] {3, 4}, w2, 0, w2.length));
        g.addInitializer(OnnxFormat.tensor("b2", new long[] {3}, new float[] {0.1f, 0f, -0.2f}, 0, 3));
        String[] names = {"gamma", "beta", "mean", "var"};
        for (int k = 0; k < 4; k++) {
            g.addInitializer(OnnxFormat.tensor(names[k], new long[] {4}, bn, 4L * k, 4));
        }
        g.addNode(OnnxFormat.node("mm", "MatMul", List.of("x", "w1"), "h", java.util.Map.of()));
        g.addNode(OnnxFormat.node("bn", "BatchNormalization", List.of("h", "gamma", "beta", "mean", "var"), "n",
            java.util.Map.of()));
        g.addNode(OnnxFormat.node("relu", "Relu", List.of("n"), "r", java.util.Map.of()));
        g.addNode(OnnxFormat.node("fc", "Gemm", List.of("r", "w2", "b2"), "y", java.util.Map.of("transB", 1L)));
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder().setIrVersion(OnnxFormat.IR_VERSION).setGraph(g)
            .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setVersion(OnnxFormat.OPSET)).build();
        Dataset data = OnnxWriterTest.randomData("6", 7, 4);

        Network imported = OnnxReader.read(model.toByteArray(), "nb.onnx",
            new ImportOptions(List.of("zero", "one", "two"), "none"));

        assertThat(imported.spec().layers().nodes().get(0).op()).isEqualTo(new LayerOp.Dense(4, false));
        float[][] logits = OnnxWriterTest.run(model, data, "y");
        float[] ours = Predictor.predict(imported, data).probabilities();
        assertSoftmaxOf(logits, ours);
        // and back out: the exported file has no bias for it, and reads back the same
        Network back = OnnxReader.read(OnnxWriter.network(imported).toByteArray(), "back.onnx", ImportOptions.DEFAULTS);
        assertThat(back.parameters()).isEqualTo(imported.parameters());
    }

    @Test
    void aFileThatIsNotOnnxIsRefused() {
        assertThatThrownBy(() -> OnnxReader.read("name,value\n1,2\n".getBytes(), "table.csv", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'table.csv' is not an ONNX model");
    }

    @Test
    void aGraphWithTwoOutputsIsRefusedSayingWhy() {
        Onnx.ModelProto model = OnnxWriter.network(mlp());
        Onnx.ModelProto.Builder b = model.toBuilder();
        b.getGraphBuilder().addOutput(OnnxFormat.valueInfo("scaled", new long[] {-1, 12}));

        assertThatThrownBy(() -> OnnxReader.read(b.build().toByteArray(), "m.onnx", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 input and 2 outputs");
    }

    @Test
    void classNamesComeFromTheOptionsAndMustMatchTheOutputs() {
        byte[] bytes = OnnxWriter.network(mlp()).toByteArray();

        Network named = OnnxReader.read(bytes, "m.onnx", new ImportOptions(List.of("a", "b", "c"), "none"));
        assertThat(named.spec().classNames()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> OnnxReader.read(bytes, "m.onnx", new ImportOptions(List.of("a", "b"), "none")))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("has 3 outputs, but 2 class names");
    }

    @Test
    void aScalingGivenForAModelThatScalesItselfComesFirstThenTheModelsOwn() {
        Network original = mlp();
        byte[] bytes = OnnxWriter.network(original).toByteArray();

        Network pixels = OnnxReader.read(bytes, "m.onnx", new ImportOptions(null, "pixels"));

        // raw values 0..255 → /255 → the model's own (x − s)·f: the same as the original on x/255
        Dataset raw = OnnxWriterTest.randomData("12", 6, 9);
        float[] x = raw.rawFeatures().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 255f;
        }
        Dataset divided = new Dataset("divided", x, raw.numFeatures(), raw.labels(), raw.featureNames(),
            raw.classNames(), null, false);
        assertThat(pixels.scaling().kind()).isEqualTo("pixels+onnx");
        float[] a = Predictor.predict(pixels, raw).probabilities();
        float[] b = Predictor.predict(original, divided).probabilities();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).isCloseTo(b[i], within(1e-5f));
        }
    }

    @Test
    void probabilitiesOfProbabilitiesAndBatchNormInTrainingModeAreRefused() {
        Onnx.ModelProto.Builder b = OnnxWriter.network(mlp()).toBuilder();
        Onnx.GraphProto.Builder g = b.getGraphBuilder();
        int last = g.getNodeCount() - 1;
        String out = g.getNode(last).getOutput(0);
        g.setNode(last, g.getNode(last).toBuilder().setOutput(0, "twice"));
        g.addNode(OnnxFormat.node("again", "Softmax", List.of("twice"), out, java.util.Map.of()));
        g.getNodeBuilder(last).setOpType("Softmax").clearAttribute();
        assertThatThrownBy(() -> OnnxReader.read(b.build().toByteArray(), "m.onnx", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("probabilities already");

        Onnx.ModelProto.Builder bn = OnnxWriter.network(OnnxWriterTest.randomNetwork("mlpbn:8",
            OnnxWriterTest.randomData("12", 4, 1), 1)).toBuilder();
        Onnx.GraphProto.Builder gb = bn.getGraphBuilder();
        for (int i = 0; i < gb.getNodeCount(); i++) {
            if (gb.getNode(i).getOpType().equals("BatchNormalization")) {
                gb.setNode(i, gb.getNode(i).toBuilder().addOutput("running_mean").addOutput("running_var"));
            }
        }
        assertThatThrownBy(() -> OnnxReader.read(bn.build().toByteArray(), "m.onnx", ImportOptions.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("training mode");
    }

    /** {@code ours} are the softmax of ONNX Runtime's {@code logits}, row by row. */
    private static void assertSoftmaxOf(float[][] logits, float[] ours) {
        int classes = logits[0].length;
        for (int i = 0; i < logits.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float l : logits[i]) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (float l : logits[i]) {
                sum += Math.exp(l - max);
            }
            for (int c = 0; c < classes; c++) {
                assertThat(ours[i * classes + c]).isCloseTo((float) (Math.exp(logits[i][c] - max) / sum),
                    within(1e-5f));
            }
        }
    }

    private static Network mlp() {
        return OnnxWriterTest.randomNetwork("mlp:8", OnnxWriterTest.randomData("12", 4, 1), 1);
    }
}
