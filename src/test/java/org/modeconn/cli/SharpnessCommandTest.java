package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.onnx.ImportOptions;
import org.modeconn.engine.onnx.OnnxReader;
import org.modeconn.engine.record.Json;

/** {@code sharpness}: the summary holds the eigenvalues, descending, and the trace with its standard error. */
class SharpnessCommandTest {

    @TempDir
    Path dir;

    @Test
    void theSummaryHoldsTheEigenvaluesDescendingAndTheTrace() throws IOException {
        byte[] onnx;
        try (InputStream in = getClass().getResourceAsStream("/sharpness/cnn.onnx")) {
            onnx = in.readAllBytes();
        }
        NetworkFile.write(OnnxReader.read(onnx, "cnn.onnx", new ImportOptions(null, "pixels")),
            dir.resolve("cnn.net"));

        Run r = TrainEndpointCommandTest.run("sharpness", "--model", dir.resolve("cnn.net").toString(), "--batches",
            "1", "--top", "2", "--trace-samples", "3", "--summary", dir.resolve("s.json").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("largest eigenvalues").contains("trace");
        JsonNode s = Json.MAPPER.readTree(dir.resolve("s.json").toFile());
        assertThat(s.get("eigenvalues")).hasSize(2);
        assertThat(s.get("eigenvalues").get(0).asDouble()).isGreaterThanOrEqualTo(s.get("eigenvalues").get(1)
            .asDouble()).isPositive();
        assertThat(s.get("trace").isNumber()).isTrue();
        assertThat(s.get("traceStandardError").asDouble()).isPositive();
        assertThat(s.get("rows").asInt()).isEqualTo(128);
        assertThat(s.get("settings").get("top").asInt()).isEqualTo(2);
    }

    @Test
    void alongACurveEachRowIsThePointsNetworkMeasuredAlone() throws IOException {
        byte[] onnx;
        try (InputStream in = getClass().getResourceAsStream("/sharpness/cnn.onnx")) {
            onnx = in.readAllBytes();
        }
        Network a = OnnxReader.read(onnx, "cnn.onnx", new ImportOptions(null, "pixels"));
        Network b = new Network(a.spec(), a.scaling(), a.layout().initialise(2), null, null);
        NetworkFile.write(a, dir.resolve("a.net"));
        CurveFile.write(CurveModel.line(a, b), dir.resolve("ab.curve"));
        String[] common = {"--batches", "1", "--top", "1", "--trace-samples", "0", "--lanczos-steps", "8"};

        Run curve = TrainEndpointCommandTest.run(with(common, "sharpness", "--curve", dir.resolve("ab.curve")
            .toString(), "--points", "3", "--csv", dir.resolve("along.csv").toString()));
        Run start = TrainEndpointCommandTest.run(with(common, "sharpness", "--model", dir.resolve("a.net").toString(),
            "--summary", dir.resolve("a.json").toString()));

        assertThat(curve.code()).as(curve.err()).isZero();
        assertThat(start.code()).as(start.err()).isZero();
        List<String> rows = Files.readAllLines(dir.resolve("along.csv"));
        assertThat(rows).hasSize(1 + 3);
        assertThat(rows.get(0)).isEqualTo("t,loss,eigenvalue_1,trace,trace_standard_error");
        double first = Double.parseDouble(rows.get(1).split(",")[2]);
        double alone = Json.MAPPER.readTree(dir.resolve("a.json").toFile()).get("eigenvalues").get(0).asDouble();
        assertThat(first).isCloseTo(alone, within(1e-5 * Math.abs(alone)));
        assertThat(Double.parseDouble(rows.get(3).split(",")[2])).isNotEqualTo(first);
    }

    private static String[] with(String[] common, String... more) {
        String[] all = Arrays.copyOf(more, more.length + common.length);
        System.arraycopy(common, 0, all, more.length, common.length);
        return all;
    }

    @Test
    void aTopOfNoneIsRefusedNamingTheOption() {
        Run r = TrainEndpointCommandTest.run("sharpness", "--model", dir.resolve("none.net").toString(), "--top", "0");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--top 0");
    }
}
