package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.train.TrainingSettings;

import com.fasterxml.jackson.databind.JsonNode;

class TrainEndpointCommandTest {

    @TempDir
    Path dir;

    /**
     * Three classes with string labels in five features of very different scales (one in the
     * thousands), as a user's own table might be: standardisation is what makes default settings work.
     */
    static Path blobs(Path file, int rows, long seed) throws IOException {
        Random r = new Random(seed);
        String[] names = {"setosa", "versicolor", "virginica"};
        StringBuilder sb = new StringBuilder("length,width,weight_g,depth,ratio,species\n");
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            double[] x = {c * 1.0 + r.nextGaussian() * 0.6, -c * 0.8 + r.nextGaussian() * 0.6,
                1000 + 150 * c + r.nextGaussian() * 90, r.nextGaussian(), 0.01 * c + r.nextGaussian() * 0.008};
            for (double v : x) {
                sb.append(String.format(Locale.ROOT, "%.5f,", v));
            }
            sb.append(names[c]).append('\n');
        }
        Files.writeString(file, sb.toString());
        return file;
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = ModeConnCli.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void trainsOnAUsersCsvWithStringLabelsAndDefaultSettings() throws IOException {
        Path train = blobs(dir.resolve("train.csv"), 600, 1);
        Path test = blobs(dir.resolve("test.csv"), 300, 2);
        Path net = dir.resolve("blobs.net");
        Path summary = dir.resolve("out/summary.json");
        Run r = run("train-endpoint", "--data", train.toString(), "--test", test.toString(), "--label", "species",
            "--arch", "mlp:64,64", "--epochs", "8", "--out", net.toString(), "--summary", summary.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(" epoch ").contains("weights_sha256");
        JsonNode s = Json.MAPPER.readTree(summary.toFile());
        for (String field : new String[] {"test_error", "test_loss", "train_loss", "train_error", "epochs", "seconds",
            "parameters", "backend", "weights_sha256"}) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.get("test_error").asDouble()).isLessThan(12.0);
        assertThat(s.get("epochs").asInt()).isEqualTo(8);
        assertThat(s.get("parameters").asLong()).isEqualTo(5 * 64 + 64 + 64 * 64 + 64 + 64 * 3 + 3);
        assertThat(s.get("backend").asText()).contains("CPU");
        Network n = NetworkFile.read(net);
        assertThat(n.spec().classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(n.scaling().kind()).isEqualTo("standardize");
        assertThat(NetworkFile.weightsSha256(n)).isEqualTo(s.get("weights_sha256").asText());
    }

    @Test
    void twoRunsWithTheSameSeedPrintTheSameHash() throws IOException {
        Path train = blobs(dir.resolve("train.csv"), 200, 3);
        Path s1 = dir.resolve("s1.json");
        Path s2 = dir.resolve("s2.json");
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlpbn:16", "--epochs", "2", "--seed",
            "5", "--summary", s1.toString()).code()).isZero();
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlpbn:16", "--epochs", "2", "--seed",
            "5", "--summary", s2.toString()).code()).isZero();
        assertThat(Json.MAPPER.readTree(s1.toFile()).get("weights_sha256"))
            .isEqualTo(Json.MAPPER.readTree(s2.toFile()).get("weights_sha256"));
    }

    @Test
    void trainsOnTheShippedColourImagesWithAugmentationAndChannelNormalisationReproducibly() throws IOException {
        Path net = dir.resolve("rgb.net");
        Path s1 = dir.resolve("rgb1.json");
        Path s2 = dir.resolve("rgb2.json");
        String[] args = {"train-endpoint", "--data", "embedded-rgb", "--arch", "cnn:4/8", "--epochs", "1", "--augment",
            "crop-flip", "--scaling", "CHANNELS", "--out", net.toString(), "--summary", s1.toString()};
        Run r = run(args);
        assertThat(r.code()).as(r.err()).isZero();
        args[args.length - 1] = s2.toString();
        assertThat(run(args).code()).isZero();
        assertThat(Json.MAPPER.readTree(s1.toFile()).get("weights_sha256"))
            .isEqualTo(Json.MAPPER.readTree(s2.toFile()).get("weights_sha256"));
        Network n = NetworkFile.read(net);
        assertThat(n.scaling().kind()).isEqualTo("channels");
        assertThat(n.spec().imageShape().toString()).isEqualTo("3x32x32");
        assertThat(n.provenance().orElseThrow().settings(TrainingSettings.class).orElseThrow().augmentation()
            .toString()).isEqualTo("crop-flip");
        Run fge = run("fge", "--start", net.toString(), "--data", "embedded-rgb", "--epochs", "1",
            "--cycle-iterations", "20", "--augment", "flip", "--out", dir.resolve("fge.ens").toString());
        assertThat(fge.code()).as(fge.err()).isZero();
    }

    @Test
    void badInputIsAnsweredWithTheProblemAndTheFixNotAStackTrace() throws IOException {
        Path train = blobs(dir.resolve("train.csv"), 30, 3);
        Run bad = run("train-endpoint", "--data", train.toString(), "--arch", "lstm:5");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("error: The architecture 'lstm:5'").contains("fix: Use one of the forms")
            .doesNotContain("Exception");
        Run missing = run("train-endpoint", "--data", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("neither 'embedded', 'embedded-rgb' nor an existing file");
        Run label = run("train-endpoint", "--data", train.toString(), "--label", "colour");
        assertThat(label.err()).contains("no column 'colour'");
        Run cnn = run("train-endpoint", "--data", train.toString(), "--arch", "cnn", "--epochs", "1");
        assertThat(cnn.code()).isEqualTo(1);
        assertThat(cnn.err()).contains("needs image-shaped input").contains("image shape C×H×W");
        Run epochs = run("train-endpoint", "--data", train.toString(), "--epochs", "0");
        assertThat(epochs.err()).contains("epochs 0 is out of range");
        Path unchanged = dir.resolve("keep.net");
        Files.writeString(unchanged, "the user's old file");
        run("train-endpoint", "--data", train.toString(), "--epochs", "0", "--out", unchanged.toString());
        assertThat(Files.readString(unchanged)).isEqualTo("the user's old file");
    }
}
