package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;

class CurveCommandsTest {

    @TempDir
    Path dir;

    @Test
    void fitEvaluateAndTakeOutAPointFromTheCommandLine() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 300, 1);
        Path test = TrainEndpointCommandTest.blobs(dir.resolve("test.csv"), 150, 2);
        for (int seed = 1; seed <= 2; seed++) {
            Run r = TrainEndpointCommandTest.run("train-endpoint", "--data", train.toString(), "--arch", "mlpbn:16",
                "--epochs", "4", "--seed", String.valueOf(seed), "--out", dir.resolve("n" + seed + ".net").toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        Path curve = dir.resolve("c.curve");
        Run fit = TrainEndpointCommandTest.run("fit-curve", "--start", dir.resolve("n1.net").toString(), "--end",
            dir.resolve("n2.net").toString(), "--data", train.toString(), "--test", test.toString(), "--curve",
            "polychain", "--bends", "3", "--epochs", "3", "--out", curve.toString(), "--summary",
            dir.resolve("fit.json").toString());
        assertThat(fit.code()).as(fit.err()).isZero();
        // the fit reads the training data only, and says where test data is measured
        assertThat(fit.err()).contains("fit-curve does not use --test").contains("evaluate-curve --curve");
        CurveModel c = CurveFile.read(curve);
        assertThat(c.curve().type().label()).isEqualTo("polychain");
        assertThat(c.fixedStart()).isTrue();
        assertThat(Json.MAPPER.readTree(dir.resolve("fit.json").toFile()).get("history")).hasSize(3);

        Path csv = dir.resolve("out/profile.csv");
        Path png = dir.resolve("out/profile.png");
        Path summary = dir.resolve("out/eval.json");
        Run eval = TrainEndpointCommandTest.run("evaluate-curve", "--curve", curve.toString(), "--data",
            train.toString(), "--test", test.toString(), "--points", "5", "--csv", csv.toString(), "--plot",
            png.toString(), "--summary", summary.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("curve ").contains("line ").contains("ensemble of 5 curve points");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(1 + 2 * 5);
        assertThat(rows.get(0)).isEqualTo("path,t,train_loss,train_error,test_loss,test_error,arc_length");
        assertThat(rows.get(1)).startsWith("curve,0.000000,");
        assertThat(rows.get(10)).startsWith("line,1.000000,");
        byte[] image = Files.readAllBytes(png);
        assertThat(image).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        JsonNode s = Json.MAPPER.readTree(summary.toFile());
        for (String path : new String[] {"curve", "line"}) {
            for (String field : new String[] {"max_train_loss", "max_test_error", "min_test_error",
                "barrier_test_error", "barrier_train_loss"}) {
                assertThat(s.get(path).has(field)).as(path + "." + field).isTrue();
            }
        }
        assertThat(s.has("ensemble_test_error")).isTrue();

        Path point = dir.resolve("mid.net");
        Run mid = TrainEndpointCommandTest.run("curve-point", "--curve", curve.toString(), "--t", "0.5", "--data",
            train.toString(), "--out", point.toString());
        assertThat(mid.code()).as(mid.err()).isZero();
        Network n = NetworkFile.read(point);
        // the chain's middle bend, with BatchNorm statistics recomputed (the curve stores none)
        assertThat(n.layout().trainable(n.parametersView())).containsExactly(c.layout().trainable(c.bendView(1)));
        assertThat(n.layout().statistics(n.parametersView())).isNotEqualTo(new float[(int) n.layout().statisticsSize()]);

        Run outside = TrainEndpointCommandTest.run("curve-point", "--curve", curve.toString(), "--t", "1.2", "--data",
            train.toString(), "--out", point.toString());
        assertThat(outside.code()).isEqualTo(1);
        assertThat(outside.err()).contains("t = 1.2 is outside [0, 1]");
        Run mismatch = TrainEndpointCommandTest.run("fit-curve", "--start", dir.resolve("n1.net").toString(), "--end",
            curve.toString(), "--data", train.toString(), "--out", dir.resolve("x.curve").toString());
        assertThat(mismatch.err()).contains("is a curve file, not a network file");
    }
}
