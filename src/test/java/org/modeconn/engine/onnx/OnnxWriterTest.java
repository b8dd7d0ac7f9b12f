package org.modeconn.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import onnx.Onnx;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.runtime.WindowedLayersTest;

/** Runs what {@link OnnxWriter} writes in ONNX Runtime, an implementation independent of ours. */
public class OnnxWriterTest {

    private static final List<String> CLASSES = List.of("zero", "one", "two");

    /** One network of every family and variant, with an input it fits: architecture, input shape. */
    static Stream<Arguments> families() {
        return Stream.of(Arguments.of("mlp:16,8", "12"), Arguments.of("mlpbn:16,8", "12"),
            Arguments.of("cnn:4,8/16", "1x12x12"), Arguments.of("vgg:8,M,16,M/16", "3x16x16"),
            Arguments.of("vggbn:8,M,16,M/16/d0.5", "3x16x16"), Arguments.of("preresnet:8", "3x8x8"),
            Arguments.of("preresnet:47", "3x8x8"), Arguments.of("wrn:10x2,0.3", "3x8x8"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("families")
    void onnxRuntimeGivesOurProbabilities(String arch, String input) throws OrtException {
        Dataset data = randomData(input, 16, 1);
        Network network = randomNetwork(arch, data, 2);

        float[][] theirs = run(OnnxWriter.network(network), data);

        float[] ours = Predictor.predict(network, data).probabilities();
        assertClose(theirs, ours);
    }

    @Test
    void rectangularWindowsRunInOnnxRuntimeAndReadBackTheSame() throws OrtException {
        NetworkSpec rect = WindowedLayersTest.spec();
        Dataset data = randomData("2x9x7", 16, 8);
        float[] p = ParameterLayouts.layoutOf(rect).initialise(9);
        Network network = new Network(new NetworkSpec(rect.architecture(), rect.inputFeatures(), rect.imageShape(),
            CLASSES), FeatureScaling.none(rect.inputFeatures()), p, null, null);

        assertClose(run(OnnxWriter.network(network), data), Predictor.predict(network, data).probabilities());
        Network back = OnnxReader.read(OnnxWriter.network(network).toByteArray(), "rect.onnx", ImportOptions.DEFAULTS);
        assertThat(back.spec().architecture()).isEqualTo(network.spec().architecture());
        assertThat(back.parameters()).isEqualTo(p);
    }

    @Test
    void poolsPaddedMoreAtTheEndRunInOnnxRuntimeAndReadBackTheSame() throws OrtException {
        NetworkSpec uneven = WindowedLayersTest.unevenPools();
        Dataset data = randomData("2x11x12", 16, 8);
        float[] p = ParameterLayouts.layoutOf(uneven).initialise(9);
        Network network = new Network(new NetworkSpec(uneven.architecture(), uneven.inputFeatures(),
            uneven.imageShape(), CLASSES), FeatureScaling.none(uneven.inputFeatures()), p, null, null);

        assertClose(run(OnnxWriter.network(network), data), Predictor.predict(network, data).probabilities());
        Network back = OnnxReader.read(OnnxWriter.network(network).toByteArray(), "uneven.onnx",
            ImportOptions.DEFAULTS);
        assertThat(back.spec().architecture()).isEqualTo(network.spec().architecture());
        assertThat(back.parameters()).isEqualTo(p);
    }

    @Test
    void anEnsembleIsOneGraphAveragingItsMembers() throws OrtException {
        Dataset data = randomData("3x16x16", 16, 3);
        Network first = randomNetwork("vggbn:8,M,16,M/16", data, 4);
        List<float[]> members = new ArrayList<>();
        for (int seed = 4; seed < 7; seed++) {
            members.add(randomNetwork("vggbn:8,M,16,M/16", data, seed).parameters());
        }
        EnsembleModel ensemble = new EnsembleModel(first.spec(), first.scaling(), EnsembleModel.FGE, members, null);

        Onnx.ModelProto model = OnnxWriter.ensemble(ensemble);

        assertClose(run(model, data), Predictor.predict(ensemble, data).probabilities());
        // the mean of the members, not of one: each member alone differs from it
        float[] one = Predictor.predict(ensemble.member(0), data).probabilities();
        float[] all = Predictor.predict(ensemble, data).probabilities();
        assertThat(maxDifference(one, all)).isGreaterThan(1e-3);
    }

    @Test
    void theModelCarriesItsClassesAndOpset() {
        Dataset data = randomData("12", 4, 5);
        Onnx.ModelProto model = OnnxWriter.network(randomNetwork("mlp:8", data, 6));

        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(OnnxFormat.OPSET);
        assertThat(model.getMetadataPropsList()).anySatisfy(p -> {
            assertThat(p.getKey()).isEqualTo(OnnxFormat.CLASSES_KEY);
            assertThat(p.getValue()).isEqualTo("[\"zero\",\"one\",\"two\"]");
        });
        // the same network gives the same bytes
        assertThat(OnnxWriter.network(randomNetwork("mlp:8", data, 6)).toByteArray()).isEqualTo(model.toByteArray());
    }

    static Dataset randomData(String input, int rows, long seed) {
        ImageShape shape = input.contains("x") ? parseShape(input) : null;
        int features = shape == null ? Integer.parseInt(input) : shape.size();
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 4 - 1);
        }
        int[] labels = IntStream.range(0, rows).map(i -> i % CLASSES.size()).toArray();
        List<String> names = IntStream.range(0, features).mapToObj(i -> "f" + i).toList();
        return new Dataset("random", x, features, labels, names, CLASSES, shape, false);
    }

    private static ImageShape parseShape(String text) {
        String[] p = text.split("x");
        return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    /** Initialised weights, and BatchNorm statistics and scales away from 0 and 1 so that they count. */
    static Network randomNetwork(String arch, Dataset data, long seed) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), data.numFeatures(), data.imageShape().orElse(null),
            CLASSES, data.featureNames());
        ParameterLayout layout = ParameterLayouts.layoutOf(spec);
        float[] p = layout.initialise(seed);
        SplittableRandom r = new SplittableRandom(seed + 100);
        for (ParameterBlock b : layout.blocks()) {
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                int j = Math.toIntExact(i);
                if (b.kind() == ParameterKind.BN_MEAN || b.kind() == ParameterKind.BN_BETA
                        || b.kind() == ParameterKind.BIAS) {
                    p[j] = (float) (r.nextDouble() - 0.5);
                } else if (b.kind() == ParameterKind.BN_VAR || b.kind() == ParameterKind.BN_GAMMA) {
                    p[j] = (float) (0.5 + r.nextDouble());
                }
            }
        }
        FeatureScaling scaling = FeatureScaling.fit(data, FeatureScaling.Mode.STANDARDIZE);
        return new Network(spec, scaling, p, null, null);
    }

    /** The model's probabilities for the data's rows, by ONNX Runtime. */
    public static float[][] run(Onnx.ModelProto model, Dataset data) throws OrtException {
        return run(model, data, OnnxFormat.OUTPUT);
    }

    /** The model's output {@code output} for the data's rows, by ONNX Runtime. */
    static float[][] run(Onnx.ModelProto model, Dataset data, String output) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        ImageShape shape = data.imageShape().orElse(null);
        long[] dims = shape == null ? new long[] {data.numExamples(), data.numFeatures()}
            : new long[] {data.numExamples(), shape.channels(), shape.height(), shape.width()};
        try (OrtSession session = env.createSession(model.toByteArray(), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data.rawFeatures()), dims);
                OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
            return (float[][]) result.get(output).orElseThrow().getValue();
        }
    }

    private static void assertClose(float[][] theirs, float[] ours) {
        int classes = theirs[0].length;
        assertThat(theirs.length * classes).isEqualTo(ours.length);
        for (int i = 0; i < theirs.length; i++) {
            for (int c = 0; c < classes; c++) {
                assertThat(theirs[i][c]).as("row %d class %d", i, c).isCloseTo(ours[i * classes + c], within(1e-4f));
            }
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
