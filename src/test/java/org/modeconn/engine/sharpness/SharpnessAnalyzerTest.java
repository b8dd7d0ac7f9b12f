package org.modeconn.engine.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.onnx.ImportOptions;
import org.modeconn.engine.onnx.OnnxReader;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * The sharpness of two small networks trained in PyTorch equals the exact reference of
 * {@code tools/sharpness-reference/make_reference.py}: the whole Hessian of the same loss in float64 by PyTorch's
 * double backward, its eigenvalues and the sum of its diagonal.
 */
class SharpnessAnalyzerTest {

    private static final Dataset TRAIN = EmbeddedMnist.train();
    private static JsonNode reference;

    @BeforeAll
    static void readReference() throws IOException {
        reference = Json.MAPPER.readTree(resource("reference.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn"})
    void theLargestEigenvaluesAndTheTraceAreThoseOfTheExactHessian(String name) throws IOException {
        JsonNode expected = reference.get("networks").get(name);
        Network network = OnnxReader.read(resource(name + ".onnx"), name + ".onnx", new ImportOptions(null,
            "pixels"));
        assertThat(network.parameters()).hasSize(expected.get("parameters").asInt());
        int batches = reference.get("rows").asInt() / SharpnessSettings.BATCH;

        Sharpness s = SharpnessAnalyzer.analyze(network, TRAIN, new SharpnessSettings(batches, 3, 200, 1, 60,
            SharpnessSettings.DEFAULT_STEP), TrainingMonitor.NONE);

        assertThat(s.rows()).isEqualTo(reference.get("rows").asInt());
        assertThat(s.loss()).isCloseTo(expected.get("loss").asDouble(), within(1e-5));
        for (int i = 0; i < 3; i++) {
            double exact = expected.get("eigenvalues").get(i).asDouble();
            assertThat(s.eigenvalues()[i]).as("eigenvalue %d", i + 1).isCloseTo(exact, within(0.01 * exact));
        }
        double trace = expected.get("trace").asDouble();
        assertThat(s.traceStandardError()).isPositive().isLessThan(0.1 * Math.abs(trace));
        assertThat(s.trace()).as("the trace within two of its standard errors")
            .isCloseTo(trace, within(2 * s.traceStandardError()));
        assertThat(s.hessianVectorProducts()).isEqualTo(s.lanczosSteps() + 200);
    }

    /**
     * The stated standard error covers the trace's whole error, the finite differences' included: over independent
     * seeds, the deviations from the exact trace in units of their own standard error have a mean near 0 and a root
     * mean square near 1. (At a relative step of 3e-5 the MLP's kinks bias the estimate by about two of its
     * standard errors, and this fails.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"mlp", "cnn"})
    void theTracesStandardErrorIsItsErrorAgainstTheExactTrace(String name) throws IOException {
        double exact = reference.get("networks").get(name).get("trace").asDouble();
        Network network = OnnxReader.read(resource(name + ".onnx"), name + ".onnx", new ImportOptions(null,
            "pixels"));
        int batches = reference.get("rows").asInt() / SharpnessSettings.BATCH;
        int seeds = 16;
        double sum = 0;
        double squares = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            Sharpness s = SharpnessAnalyzer.analyze(network, TRAIN, new SharpnessSettings(batches, 1, 25, seed, 2,
                SharpnessSettings.DEFAULT_STEP), TrainingMonitor.NONE);
            double z = (s.trace() - exact) / s.traceStandardError();
            sum += z;
            squares += z * z;
        }
        // under a right error the mean has a deviation of 1/4 and the root mean square about 0.18
        assertThat(sum / seeds).as("mean deviation in standard errors").isBetween(-1.0, 1.0);
        assertThat(Math.sqrt(squares / seeds)).as("root mean square deviation in standard errors")
            .isBetween(0.5, 1.6);
    }

    @Test
    void theSameSeedGivesTheSameFiguresAndProgressCountsTheProducts() throws IOException {
        Network network = OnnxReader.read(resource("cnn.onnx"), "cnn.onnx", new ImportOptions(null, "pixels"));
        SharpnessSettings settings = new SharpnessSettings(1, 1, 4, 7, 10, SharpnessSettings.DEFAULT_STEP);
        AtomicInteger reported = new AtomicInteger();
        TrainingMonitor counting = new TrainingMonitor() {
            @Override
            public void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
                reported.set(batch);
            }
        };

        Sharpness a = SharpnessAnalyzer.analyze(network, TRAIN, settings, counting);
        Sharpness b = SharpnessAnalyzer.analyze(network, TRAIN, settings, TrainingMonitor.NONE);

        assertThat(b.eigenvalues()).containsExactly(a.eigenvalues());
        assertThat(b.trace()).isEqualTo(a.trace());
        assertThat(reported.get()).isEqualTo(a.hessianVectorProducts());
    }

    @Test
    void aCancelledRunStopsBetweenProducts() throws IOException {
        Network network = OnnxReader.read(resource("cnn.onnx"), "cnn.onnx", new ImportOptions(null, "pixels"));
        AtomicInteger products = new AtomicInteger();
        TrainingMonitor cancelAfterThree = new TrainingMonitor() {
            @Override
            public void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
                products.set(batch);
            }

            @Override
            public boolean isCancelled() {
                return products.get() >= 3;
            }
        };
        assertThatThrownBy(() -> SharpnessAnalyzer.analyze(network, TRAIN, SharpnessSettings.defaults(1),
            cancelAfterThree)).isInstanceOf(OperationCancelledException.class).hasMessageContaining("after 3");
    }

    @Test
    void aNetworkWithDropoutIsMeasuredInEvaluationModeAsTheSameNetworkWithoutIt() {
        NetworkSpec withDropout = new NetworkSpec(ArchitectureParser.parse("vgg:4,M/16/d0.5"), 784,
            new ImageShape(1, 28, 28), TRAIN.classNames());
        NetworkSpec without = new NetworkSpec(ArchitectureParser.parse("vgg:4,M/16"), 784, new ImageShape(1, 28, 28),
            TRAIN.classNames());
        float[] weights = ParameterLayouts.layoutOf(withDropout).initialise(3);
        Network a = new Network(withDropout, FeatureScaling.pixels(784), weights, null, null);
        Network b = new Network(without, FeatureScaling.pixels(784), weights.clone(), null, null);
        // The same function in evaluation mode: the parameters line up.
        Dataset few = TRAIN.head(50);
        assertThat(org.modeconn.engine.ensemble.Predictor.predict(a, few).probabilities())
            .containsExactly(org.modeconn.engine.ensemble.Predictor.predict(b, few).probabilities());
        SharpnessSettings settings = new SharpnessSettings(1, 2, 4, 5, 20, SharpnessSettings.DEFAULT_STEP);
        Sharpness sa = SharpnessAnalyzer.analyze(a, TRAIN, settings, TrainingMonitor.NONE);
        Sharpness sb = SharpnessAnalyzer.analyze(b, TRAIN, settings, TrainingMonitor.NONE);
        assertThat(sa.eigenvalues()).containsExactly(sb.eigenvalues());
        assertThat(sa.trace()).isEqualTo(sb.trace());
        assertThat(sa.eigenvalues()[0]).isPositive();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SharpnessAnalyzerTest.class.getResourceAsStream("/sharpness/" + name)) {
            return in.readAllBytes();
        }
    }
}
