package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.data.CsvReader;
import org.modeconn.engine.onnx.OnnxWriterTest;

/** {@code export-onnx}: what it writes predicts in ONNX Runtime as {@code predict} does here. */
class ExportOnnxCommandTest {

    @TempDir
    Path dir;

    @Test
    void aNetworkACurvePointAndAnEnsembleExportAndPredictAsHere() throws IOException, OrtException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 300, 1);
        for (int seed = 1; seed <= 2; seed++) {
            Run r = TrainEndpointCommandTest.run("train-endpoint", "--data", train.toString(), "--arch", "mlpbn:16,8",
                "--epochs", "2", "--seed", "" + seed, "--out", dir.resolve("n" + seed + ".net").toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        Run fit = TrainEndpointCommandTest.run("fit-curve", "--start", dir.resolve("n1.net").toString(), "--end",
            dir.resolve("n2.net").toString(), "--data", train.toString(), "--epochs", "1",
            "--out", dir.resolve("c.curve").toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        Run fge = TrainEndpointCommandTest.run("fge", "--start", dir.resolve("n1.net").toString(), "--data",
            train.toString(), "--cycle-iterations", "2", "--epochs", "2", "--out", dir.resolve("e.ens").toString());
        assertThat(fge.code()).as(fge.err()).isZero();

        for (List<String> model : List.of(List.of("n1.net"), List.of("c.curve", "--t", "0.3"), List.of("e.ens"))) {
            Path onnx = dir.resolve(model.get(0) + ".onnx");
            String[] extra = model.subList(1, model.size()).toArray(String[]::new);
            Run export = TrainEndpointCommandTest.run(concat(new String[] {"export-onnx", "--model",
                dir.resolve(model.get(0)).toString(), "--data", train.toString(), "--out", onnx.toString()}, extra));
            assertThat(export.code()).as(export.err()).isZero();
            if (model.get(0).endsWith(".curve")) {
                // a BatchNorm network's statistics at t: which data they were recomputed on is said
                assertThat(export.err()).contains("BatchNorm statistics at t = 0.3 recomputed on");
            }
            Path csv = dir.resolve(model.get(0) + ".csv");
            Run predict = TrainEndpointCommandTest.run(concat(new String[] {"predict", "--model",
                dir.resolve(model.get(0)).toString(), "--data", train.toString(), "--out", csv.toString()}, extra));
            assertThat(predict.code()).as(predict.err()).isZero();

            float[][] theirs = OnnxWriterTest.run(Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx)),
                new CsvReader("species", ',', null).read(train));
            List<String> lines = Files.readAllLines(csv);
            for (int i = 0; i < theirs.length; i++) {
                String[] cells = lines.get(i + 1).split(",");
                for (int c = 0; c < theirs[i].length; c++) {
                    // predict writes six decimals
                    assertThat(theirs[i][c]).as("%s row %d", model.get(0), i)
                        .isCloseTo(Float.parseFloat(cells[3 + c]), within(2e-6f));
                }
            }
        }
    }

    @Test
    void tWithoutACurveIsRefusedWithTheFix() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 100, 1);
        Run r = TrainEndpointCommandTest.run("train-endpoint", "--data", train.toString(), "--arch", "mlp:8",
            "--epochs", "1", "--out", dir.resolve("n.net").toString());
        assertThat(r.code()).as(r.err()).isZero();

        Run export = TrainEndpointCommandTest.run("export-onnx", "--model", dir.resolve("n.net").toString(), "--t",
            "0.5", "--out", dir.resolve("n.onnx").toString());

        assertThat(export.code()).isNotZero();
        assertThat(export.err()).contains("is not a curve").contains("Leave out --t");
        assertThat(dir.resolve("n.onnx")).doesNotExist();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
