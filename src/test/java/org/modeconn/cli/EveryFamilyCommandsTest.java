package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A network of every convolutional family moves through every command: two endpoints (one with a
 * checkpoint), a curve fitted between them, its evaluation, a point taken out, FGE from the checkpoint,
 * the plane, and predictions of the network, the curve point and the ensemble.
 */
class EveryFamilyCommandsTest {

    private static final String SHAPE = "3x8x8";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"vgg:16,M,32,M/64", "preresnet:20", "wrn:10x2"})
    void everyCommandTakesTheFamily(String arch) throws IOException {
        Path train = images(dir.resolve("train.csv"), 96, 1);
        Path test = images(dir.resolve("test.csv"), 48, 2);
        String[] data = {"--data", train.toString(), "--test", test.toString(), "--image-shape", SHAPE};
        for (int seed = 1; seed <= 2; seed++) {
            ok(command("train-endpoint", data, "--arch", arch, "--epochs", "2", "--batch", "32", "--seed",
                String.valueOf(seed), "--checkpoint-epoch", "1", "--checkpoint-out", file("ck" + seed + ".net"),
                "--out", file("n" + seed + ".net"), "--summary", file("n" + seed + ".json")));
            JsonNode summary = Json.MAPPER.readTree(dir.resolve("n" + seed + ".json").toFile());
            assertThat(summary.get("test_error").asDouble()).isBetween(0.0, 100.0);
        }
        Network n1 = NetworkFile.read(dir.resolve("n1.net"));
        assertThat(n1.spec().architecture().describe()).isEqualTo(arch);

        ok(command("fit-curve", dataNoTest(train), "--start", file("n1.net"), "--end", file("n2.net"), "--curve",
            "bezier", "--bends", "3", "--epochs", "1", "--batch", "32", "--out", file("c.curve")));
        ok(command("evaluate-curve", data, "--curve", file("c.curve"), "--points", "3", "--summary",
            file("eval.json")));
        JsonNode eval = Json.MAPPER.readTree(dir.resolve("eval.json").toFile());
        assertThat(eval.get("curve").get("max_train_loss").asDouble()).isPositive().isFinite();
        ok(command("curve-point", dataNoTest(train), "--curve", file("c.curve"), "--t", "0.5", "--out",
            file("mid.net")));
        ok(command("fge", data, "--start", file("ck1.net"), "--cycle-iterations", "2", "--epochs", "1", "--batch",
            "32", "--out", file("e.ens"), "--summary", file("fge.json")));
        assertThat(Json.MAPPER.readTree(dir.resolve("fge.json").toFile()).toString()).contains("snapshot");
        // through both endpoints and a checkpoint (a curve fitted for one short epoch hardly leaves the line)
        ok(command("plane", data, "--points", file("n1.net"), file("n2.net"), file("ck2.net"), "--grid", "3", "--csv",
            file("plane.csv")));
        assertThat(Files.readAllLines(dir.resolve("plane.csv"))).hasSize(1 + 9);
        // and two random directions around one network, with its summary and heat map
        ok(command("plane", data, "--around", file("n1.net"), "--grid", "3", "--reach", "0.5", "--direction-seed",
            "4", "--summary", file("around.json"), "--plot", file("around.png")));
        JsonNode around = Json.MAPPER.readTree(dir.resolve("around.json").toFile());
        assertThat(around.get("points")).hasSize(1);
        assertThat(around.get("points").get(0).get("name").asText()).isEqualTo("centre");
        assertThat(dir.resolve("around.png")).isNotEmptyFile();
        // and 1-D: the line between two networks, one random direction
        ok(command("plane", data, "--between", file("n1.net"), file("n2.net"), "--grid", "4", "--csv",
            file("line.csv"), "--plot", file("line.png")));
        assertThat(Files.readAllLines(dir.resolve("line.csv"))).hasSize(1 + 4);
        assertThat(dir.resolve("line.png")).isNotEmptyFile();
        ok(command("plane", data, "--around", file("n1.net"), "--line", "--grid", "3", "--plot",
            file("direction.png")));
        assertThat(dir.resolve("direction.png")).isNotEmptyFile();
        for (String model : new String[] {"n1.net", "mid.net", "e.ens"}) {
            Path out = dir.resolve("pred-" + model + ".csv");
            ok(command("predict", new String[] {"--data", test.toString(), "--image-shape", SHAPE}, "--model",
                file(model), "--out", out.toString()));
            assertThat(Files.readAllLines(out)).as(model).hasSize(1 + 48);
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static String[] dataNoTest(Path train) {
        return new String[] {"--data", train.toString(), "--image-shape", SHAPE};
    }

    private static String[] command(String name, String[] data, String... args) {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(Arrays.asList(data));
        all.addAll(Arrays.asList(args));
        return all.toArray(new String[0]);
    }

    private static void ok(String[] args) {
        Run r = TrainEndpointCommandTest.run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    }

    /** Images of 3 classes: a bright square in a class-specific corner on noise, pixels 0–255. */
    static Path images(Path file, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        int size = 3 * 8 * 8;
        for (int j = 0; j < size; j++) {
            sb.append('p').append(j).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        boolean square = (c == 0 && x < 4 && y < 4) || (c == 1 && x >= 4 && y < 4) || (c == 2 && y >= 4);
                        sb.append(square ? 200 + r.nextInt(50) : r.nextInt(80)).append(',');
                    }
                }
            }
            sb.append("class").append(c).append('\n');
        }
        Files.writeString(file, sb.toString());
        return file;
    }
}
