package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.LayerGraphSpec;
import org.modeconn.engine.network.Network;

/** {@code import-onnx}: an imported network is a network like every other, in every command. */
class ImportOnnxCommandTest {

    @TempDir
    Path dir;

    @Test
    void importedNetworksTrainFitCurvesRunFgeAlignAndPredict() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 300, 1);
        for (int seed = 1; seed <= 2; seed++) {
            Run r = TrainEndpointCommandTest.run("train-endpoint", "--data", train.toString(), "--arch", "mlpbn:16,8",
                "--epochs", "2", "--seed", "" + seed, "--out", dir.resolve("n" + seed + ".net").toString());
            assertThat(r.code()).as(r.err()).isZero();
            ok("export-onnx", "--model", dir.resolve("n" + seed + ".net").toString(), "--out",
                dir.resolve("n" + seed + ".onnx").toString());
            Run imported = ok("import-onnx", "--model", dir.resolve("n" + seed + ".onnx").toString(), "--out",
                dir.resolve("i" + seed + ".net").toString());
            assertThat(imported.out()).contains("n" + seed + ".onnx: ").contains("scaling onnx");
        }
        Network imported = NetworkFile.read(dir.resolve("i1.net"));
        assertThat(imported.spec().architecture()).isInstanceOf(LayerGraphSpec.class);
        assertThat(imported.parameters()).isEqualTo(NetworkFile.read(dir.resolve("n1.net")).parameters());

        ok("fit-curve", "--start", dir.resolve("i1.net").toString(), "--end", dir.resolve("i2.net").toString(),
            "--data", train.toString(), "--epochs", "2", "--out", dir.resolve("c.curve").toString());
        ok("fge", "--start", dir.resolve("i1.net").toString(), "--data", train.toString(), "--cycle-iterations", "2",
            "--epochs", "2", "--out", dir.resolve("e.ens").toString());
        ok("align", "--to", dir.resolve("i1.net").toString(), "--net", dir.resolve("i2.net").toString(), "--data",
            train.toString(), "--out", dir.resolve("a.net").toString());
        ok("predict", "--model", dir.resolve("i1.net").toString(), "--data", train.toString(), "--out",
            dir.resolve("i1.csv").toString());
        ok("predict", "--model", dir.resolve("n1.net").toString(), "--data", train.toString(), "--out",
            dir.resolve("n1.csv").toString());
        assertThat(Files.readAllLines(dir.resolve("i1.csv"))).isEqualTo(Files.readAllLines(dir.resolve("n1.csv")));
    }

    @Test
    void aMissingFileIsNamedWithTheFix() {
        Run r = TrainEndpointCommandTest.run("import-onnx", "--model", dir.resolve("none.onnx").toString(), "--out",
            dir.resolve("n.net").toString());

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("none.onnx does not exist").contains("Check the path");
        assertThat(dir.resolve("n.net")).doesNotExist();
    }

    private static Run ok(String... args) {
        Run r = TrainEndpointCommandTest.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r;
    }
}
