package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.JsonNode;

class EnsembleCommandsTest {

    @TempDir
    Path dir;

    private static Run run(String... args) {
        return TrainEndpointCommandTest.run(args);
    }

    @Test
    void fgeFromACheckpointThenPredictWithTheEnsemble() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 300, 1);
        Path test = TrainEndpointCommandTest.blobs(dir.resolve("test.csv"), 90, 2);
        Path ckpt = dir.resolve("ckpt.net");
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlp:16", "--epochs", "4",
            "--checkpoint-epoch", "3", "--checkpoint-out", ckpt.toString()).code()).isZero();
        Path ens = dir.resolve("e.ens");
        Path summary = dir.resolve("fge.json");
        Run fge = run("fge", "--start", ckpt.toString(), "--data", train.toString(), "--test", test.toString(),
            "--cycle-iterations", "2", "--epochs", "2", "--out", ens.toString(), "--summary", summary.toString(),
            "--plot", dir.resolve("fge.png").toString(), "--csv", dir.resolve("fge.csv").toString(), "--swa-out",
            dir.resolve("swa.net").toString());
        assertThat(fge.code()).as(fge.err()).isZero();
        JsonNode s = Json.MAPPER.readTree(summary.toFile());
        assertThat(s.has("single_test_error")).isTrue();
        assertThat(s.has("ensemble_test_error")).isTrue();
        // SWA beside them: the snapshots' mean weights as one network, written as a network file.
        assertThat(s.get("swa_test_error").asDouble()).isBetween(0.0, 100.0);
        assertThat(s.get("snapshots").get(2).get("swaTestErrorPercent").asDouble())
            .isEqualTo(s.get("swa_test_error").asDouble());
        assertThat(NetworkFile.read(dir.resolve("swa.net")).spec()).isEqualTo(EnsembleFile.read(ens).spec());
        // 2 epochs of 3 batches, a cycle of 2: snapshots after iterations 1, 3 and 5
        assertThat(s.get("snapshots")).hasSize(3);
        assertThat(EnsembleFile.read(ens).size()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("fge.csv"))).hasSize(4);

        // The members' connectivity: a symmetric matrix of line barriers, with its table and heat map.
        Path connectivity = dir.resolve("connectivity.json");
        Run matrix = run("connectivity", "--ensemble", ens.toString(), "--data", train.toString(), "--test",
            test.toString(), "--points", "3", "--summary", connectivity.toString(), "--csv",
            dir.resolve("pairs.csv").toString(), "--plot", dir.resolve("connectivity.png").toString());
        assertThat(matrix.code()).as(matrix.err()).isZero();
        JsonNode c = Json.MAPPER.readTree(connectivity.toFile());
        assertThat(c.get("networks")).hasSize(3);
        assertThat(c.get("barrier_test_error").get(0).get(2).asDouble())
            .isEqualTo(c.get("barrier_test_error").get(2).get(0).asDouble());
        assertThat(c.get("barrier_train_loss").get(1).get(1).asDouble()).isZero();
        assertThat(Files.readAllLines(dir.resolve("pairs.csv"))).hasSize(1 + 3);
        assertThat(dir.resolve("connectivity.png")).isNotEmptyFile();
        // With a short curve fit for every pair, the curves' barriers stand beside the lines'.
        Run withCurves = run("connectivity", "--ensemble", ens.toString(), "--data", train.toString(), "--points", "3",
            "--curve-epochs", "1", "--summary", connectivity.toString(), "--csv", dir.resolve("pairs.csv").toString(),
            "--plot", dir.resolve("connectivity.png").toString());
        assertThat(withCurves.code()).as(withCurves.err()).isZero();
        assertThat(withCurves.out()).contains("Bezier curve (1 epochs) barriers");
        JsonNode curves = Json.MAPPER.readTree(connectivity.toFile()).get("curves");
        assertThat(curves.get("barrier_train_loss").get(2).get(2).asDouble()).isZero();
        List<String> pairs = Files.readAllLines(dir.resolve("pairs.csv"));
        assertThat(pairs.get(0)).isEqualTo("a,b,line_barrier_train_loss,line_barrier_test_error,"
            + "curve_barrier_train_loss,curve_barrier_test_error");
        assertThat(pairs.get(1).split(",", -1)[4]).isNotEmpty();
        assertThat(dir.resolve("connectivity-curves.png")).isNotEmptyFile();

        Path predictions = dir.resolve("p.csv");
        Run predict = run("predict", "--model", ens.toString(), "--data", test.toString(), "--out",
            predictions.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(predict.out()).contains("90 rows, error");
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines).hasSize(91);
        assertThat(lines.get(0)).isEqualTo("row,label,prediction,P(setosa),P(versicolor),P(virginica)");
        String[] first = lines.get(1).split(",");
        double sum = Double.parseDouble(first[3]) + Double.parseDouble(first[4]) + Double.parseDouble(first[5]);
        assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));

        // the same rows without their label column
        List<String> raw = Files.readAllLines(test);
        StringBuilder unlabelled = new StringBuilder();
        for (String line : raw) {
            unlabelled.append(line, 0, line.lastIndexOf(',')).append('\n');
        }
        Path features = Files.writeString(dir.resolve("features.csv"), unlabelled.toString());
        Path p2 = dir.resolve("p2.csv");
        Run bare = run("predict", "--model", ckpt.toString(), "--data", features.toString(), "--unlabelled", "--out",
            p2.toString());
        assertThat(bare.code()).as(bare.err()).isZero();
        assertThat(Files.readAllLines(p2).get(0)).isEqualTo("row,prediction,P(setosa),P(versicolor),P(virginica)");
    }

    @Test
    void thePipelineWritesACompleteReport() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 300, 1);
        Path test = TrainEndpointCommandTest.blobs(dir.resolve("test.csv"), 90, 2);
        Path out = dir.resolve("report");
        Run r = run("pipeline", "--data", train.toString(), "--test", test.toString(), "--arch", "mlp:16",
            "--epochs", "4", "--curve-epochs", "2", "--points", "5", "--fge-epochs", "1", "--plane-grid", "3",
            "--out", out.toString(), "--summary", dir.resolve("s.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : new String[] {"index.html", "summary.json", "curve.png", "fge.png", "plane.png", "curve.csv",
            "plane.csv", "random-directions.png", "random-directions.csv", "endpoint-1.net", "endpoint-2.net",
            "endpoint-1-epoch3.net", "curve.curve", "fge.ens", "endpoint-2-aligned.net", "alignment.csv",
            "aligned-line.csv", "aligned-line.png"}) {
            assertThat(out.resolve(f)).as(f).exists();
        }
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<img src=\"curve.png\"").contains("<img src=\"fge.png\"")
            .contains("<img src=\"plane.png\"").contains("<img src=\"random-directions.png\"").contains("barrier")
            .contains("<img src=\"aligned-line.png\"").contains("weight matching")
            .contains("FGE").contains("Ind").contains("SWA");
        JsonNode s = Json.MAPPER.readTree(dir.resolve("s.json").toFile());
        assertThat(s.get("curve_evaluation").get("line").has("barrier_test_error")).isTrue();
        assertThat(s.has("fge_ensemble_test_error")).isTrue();
        assertThat(s.has("ind_ensemble_test_error")).isTrue();
        assertThat(s.get("swa_test_error").asDouble()).isBetween(0.0, 100.0);
        assertThat(s.get("alignment").get("aligned_line").get("barrier_test_error").isNumber()).isTrue();
        assertThat(s.get("alignment").get("distance_after").asDouble())
            .isLessThan(s.get("alignment").get("distance_before").asDouble());
        assertThat(Files.readString(out.resolve("aligned-line.csv"))).contains("aligned line,");
        assertThat(s.get("random_directions").get("points").get(0).get("name").asText()).isEqualTo("centre");
    }

    @Test
    void aDivergingFgeRunWritesTheSnapshotsItTookBesideTheOutput() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 300, 1);
        Path start = dir.resolve("start.net");
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlp:16", "--epochs", "3", "--out",
            start.toString()).code()).isZero();
        Path ens = dir.resolve("wild.ens");
        Run fge = run("fge", "--start", start.toString(), "--data", train.toString(), "--cycle-iterations", "4",
            "--epochs", "3", "--lr1", "1e10", "--lr2", "0.01", "--batch", "32", "--out", ens.toString());
        assertThat(fge.code()).as(fge.err()).isEqualTo(1);
        assertThat(fge.err()).contains("diverged").contains("snapshots taken before was written to");
        assertThat(ens).doesNotExist();
        assertThat(EnsembleFile.read(dir.resolve("wild-last-good.ens")).size()).isPositive();
    }

    @Test
    void thePipelineAugmentsColourImagesAndSaysSoInItsReport() throws IOException {
        Path out = dir.resolve("rgb-report");
        Run r = run("pipeline", "--data", "embedded-rgb", "--arch", "cnn:4/8", "--epochs", "2", "--fge-epochs", "1",
            "--curve-epochs", "1", "--points", "3", "--plane-grid", "2", "--plane-train-subset", "300",
            "--augment", "crop-flip", "--scaling", "CHANNELS", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("augmentation").asText()).isEqualTo("crop-flip");
        assertThat(s.get("scaling").asText()).isEqualTo("CHANNELS");
        assertThat(Files.readString(out.resolve("index.html"))).contains("augmentation of training images: crop-flip");
        assertThat(NetworkFile.read(out.resolve("endpoint-2.net")).scaling().kind())
            .isEqualTo("channels");
    }

    @Test
    void compareEnsemblesPrintsThePaperStyleTable() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 200, 1);
        Path test = TrainEndpointCommandTest.blobs(dir.resolve("test.csv"), 60, 2);
        Run r = run("compare-ensembles", "--data", train.toString(), "--test", test.toString(), "--arch", "mlp:8",
            "--epochs", "5", "--sse-cycles", "2", "--fge-cycle-iterations", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("method  budget  members  test error");
        for (String row : new String[] {"Ind        1B        1", "Ind        2B        2", "SSE        1B        2",
            "SSE        2B        4", "FGE        1B", "FGE        2B"}) {
            assertThat(r.out()).contains(row);
        }
        Run earlier = run("compare-ensembles", "--data", train.toString(), "--test", test.toString(), "--arch", "mlp:8",
            "--epochs", "5", "--sse-cycles", "2", "--fge-cycle-iterations", "2", "--fge-start", "0.6");
        assertThat(earlier.code()).as(earlier.err()).isZero();
        assertThat(earlier.err()).contains("FGE at 1B: 2 epochs from the checkpoint after epoch 3");
        Run wrong = run("compare-ensembles", "--data", train.toString(), "--test", test.toString(), "--arch", "mlp:8",
            "--fge-start", "1.2");
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("FGE cannot start after 1.2 of the budget").contains("0.8");
    }
}
