package org.modeconn.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.SgdOptimizer;
import org.modeconn.engine.train.SgdSettings;

/**
 * Models exported by PyTorch's own exporter ({@code tools/onnx-models/make_models.py}): imported, they predict
 * as PyTorch did, and one SGD step from them lands where PyTorch's step did, so the gradients are right too.
 */
class PyTorchModelsTest {

    @ParameterizedTest
    @CsvSource({"resnet18, onednn", "vgg11bn, onednn", "mlpbn, onednn", "windows, onednn", "windows, libnd4j",
        "ceil, onednn", "ceil, libnd4j"})
    void importedTheyPredictAsPyTorchAndOneSgdStepLandsWhereItsDid(String name, String kernels) throws IOException {
        try (ComputeContext context = ComputeContext.open(ComputeOptions.DEFAULTS.withLayerKernels(kernels))) {
            assertThat(context.kernels().oneDnn()).isEqualTo(kernels.equals("onednn"));
            predictAndStep(name);
        }
    }

    private static void predictAndStep(String name) throws IOException {
        JsonNode expected = Json.MAPPER.readTree(resource(name + ".json"));
        Network network = OnnxReader.read(resource(name + ".onnx"), name + ".onnx", ImportOptions.DEFAULTS);
        Network after = OnnxReader.read(resource(name + "-step.onnx"), name + "-step.onnx", ImportOptions.DEFAULTS);
        Dataset batch = batch(expected, network);

        float[] ours = Predictor.predict(network, batch).probabilities();
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).as("probability %d", i)
                .isCloseTo((float) expected.get("probabilities").get(i).asDouble(), within(1e-4f));
        }

        float[] stepped = oneStep(network, batch, expected);
        float[] theirs = after.parameters();
        float[] before = network.parameters();
        for (ParameterBlock b : network.layout().blocks()) {
            double scale = 0;
            double diff = 0;
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                int j = Math.toIntExact(i);
                scale = Math.max(scale, Math.abs(theirs[j] - before[j]));
                diff = Math.max(diff, Math.abs(theirs[j] - stepped[j]));
            }
            // the step moved the block; ours moved it to the same place, up to float rounding
            assertThat(diff).as("%s %s: step %.3g, off by %.3g", b.layer(), b.name(), scale, diff)
                .isLessThanOrEqualTo(Math.max(1e-5, 1e-3 * scale));
        }
    }

    @Test
    void aResNetExportedWithBatchNormFoldedImportsAsConvolutionsWithBiases() throws IOException {
        JsonNode expected = Json.MAPPER.readTree(resource("resnet18.json"));
        Network folded = OnnxReader.read(resource("resnet18-folded.onnx"), "resnet18-folded.onnx",
            ImportOptions.DEFAULTS);

        assertThat(folded.spec().layers().nodes()).noneMatch(n -> n.op() instanceof LayerOp.BatchNorm);
        float[] ours = Predictor.predict(folded, batch(expected, folded)).probabilities();
        for (int i = 0; i < ours.length; i++) {
            assertThat(ours[i]).isCloseTo((float) expected.get("probabilities").get(i).asDouble(), within(1e-4f));
        }
    }

    private static float[] oneStep(Network network, Dataset batch, JsonNode expected) {
        SgdSettings sgd = new SgdSettings(expected.get("lr").asDouble(), expected.get("momentum").asDouble(), false,
            expected.get("weight_decay").asDouble());
        try (ExecutableNetwork net = ExecutableNetwork.of(network);
                BatchSource source = BatchSource.of(batch, network.scaling());
                SgdOptimizer opt = new SgdOptimizer(sgd, net.layout(), net.parameters(), net.gradients())) {
            var r = opt.train(net, source.slice(0, batch.numExamples()), sgd.learningRate());
            assertThat(r.loss()).isCloseTo(expected.get("loss").asDouble(), within(1e-4));
            return net.parameterArray();
        }
    }

    private static Dataset batch(JsonNode expected, Network network) {
        int rows = expected.get("labels").size();
        float[] x = new float[expected.get("input").size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) expected.get("input").get(i).asDouble();
        }
        int[] labels = IntStream.range(0, rows).map(i -> expected.get("labels").get(i).asInt()).toArray();
        int features = x.length / rows;
        ImageShape shape = network.spec().imageShape();
        return new Dataset("batch", x, features, labels, IntStream.range(0, features).mapToObj(i -> "f" + i).toList(),
            network.spec().classNames(), shape, false);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PyTorchModelsTest.class.getResourceAsStream("/onnx/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

}
