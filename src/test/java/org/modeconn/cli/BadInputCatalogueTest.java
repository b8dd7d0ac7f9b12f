package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OutOfMemoryMessages;

/**
 * The catalogue of bad inputs at the command line: each is refused with exit code 1 and a message that
 * names the problem and the fix, and no file the user had is changed.
 */
class BadInputCatalogueTest {

    @TempDir
    static Path dir;

    private static Path train;

    private static Path netA;

    private static Path netB;

    private static Path curve;

    /** Runs the command line; returns the exit code and what it printed on stderr. */
    private static Result run(final String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = ModeConnCli.run(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    private record Result(int code, String err) {
        Result refusedWith(final String problem, final String fix) {
            assertThat(code).as(err).isEqualTo(1);
            assertThat(err).contains("error: ").contains(problem).contains("fix: ").contains(fix);
            return this;
        }
    }

    private static Path csv(final String name, final String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    /** Two separable classes a and b in two features. */
    private static Path twoClasses(final String name, final String... extraRows) throws IOException {
        List<String> rows = new ArrayList<>(List.of("x1,x2,label"));
        for (int i = 0; i < 40; i++) {
            rows.add((i % 2 == 0 ? "0." : "5.") + i + "," + (i % 2 == 0 ? "1" : "4") + "," + (i % 2 == 0 ? "a" : "b"));
        }
        rows.addAll(List.of(extraRows));
        return csv(name, rows.toArray(String[]::new));
    }

    @BeforeAll
    static void models() throws IOException {
        train = twoClasses("train.csv");
        netA = dir.resolve("a.net");
        netB = dir.resolve("b.net");
        curve = dir.resolve("c.curve");
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlp:4", "--epochs", "2", "--batch",
            "8", "--seed", "1", "--out", netA.toString()).code()).isZero();
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlp:4", "--epochs", "2", "--batch",
            "8", "--seed", "2", "--out", netB.toString()).code()).isZero();
        assertThat(run("fit-curve", "--start", netA.toString(), "--end", netB.toString(), "--data", train.toString(),
            "--epochs", "1", "--batch", "8", "--out", curve.toString()).code()).isZero();
    }

    @Test
    void emptyData() throws IOException {
        run("train-endpoint", "--data", csv("empty.csv", "x1,x2,label").toString(), "--arch", "mlp:4")
            .refusedWith("has a header but no data rows", "at least one data row");
    }

    @Test
    void oneClass() throws IOException {
        run("train-endpoint", "--data", csv("one.csv", "x1,label", "1,a", "2,a").toString(), "--arch", "mlp:4")
            .refusedWith("only 1 class", "at least two");
    }

    @Test
    void missingValuesAndNonFiniteNumbers() throws IOException {
        run("train-endpoint", "--data", csv("missing.csv", "x1,x2,label", "1,,a", "2,3,b").toString())
            .refusedWith("missing value in column 'x2'", "fill in missing values");
        run("train-endpoint", "--data", csv("inf.csv", "x1,x2,label", "1,1e999,a", "2,3,b").toString())
            .refusedWith("infinite", "clip");
        run("train-endpoint", "--data", csv("nan.csv", "x1,x2,label", "1,NaN,a", "2,3,b").toString())
            .refusedWith("missing value", "fill in");
    }

    @Test
    void labelsUnseenInTraining() throws IOException {
        run("predict", "--model", netA.toString(), "--data", twoClasses("unseen.csv", "1,1,zebra").toString(), "--out",
            dir.resolve("p.csv").toString()).refusedWith("labels the network never saw in training: [zebra]",
            "Remove those rows");
    }

    @Test
    void featureCountOrImageShapeThatDoesNotFit() throws IOException {
        run("predict", "--model", netA.toString(), "--data", csv("three.csv", "x1,x3,label", "1,3,a").toString(),
            "--out", dir.resolve("p.csv").toString()).refusedWith("lacks 1 of the 2 feature columns the network was "
                + "trained on: x2", "matched by name");
        run("train-endpoint", "--data", train.toString(), "--image-shape", "1x3x3", "--arch", "mlp:4")
            .refusedWith("1x3x3", "image shape");
    }

    @Test
    void augmentationsAndNormalisationsThatDoNotFitTheImages() throws IOException {
        run("train-endpoint", "--data", "embedded", "--scaling", "cifar-vgg", "--epochs", "1")
            .refusedWith("made for 3-channel (RGB) images", "CHANNELS");
        run("train-endpoint", "--data", train.toString(), "--augment", "crop-flip", "--arch", "mlp:4")
            .refusedWith("needs images", "augmentation none");
        run("train-endpoint", "--data", "embedded", "--augment", "crop-flip:-3", "--epochs", "1")
            .refusedWith("crop of 28×28 is larger than the image padded by -3 (22×22)", "padding of 0 or more");
        run("train-endpoint", "--data", "embedded", "--augment", "rotate")
            .refusedWith("'rotate' is not known", "crop-flip");
        run("train-endpoint", "--data", "embedded", "--scaling", "zca")
            .refusedWith("'zca' is not known", "cifar-resnet");
    }

    @Test
    void endpointsOfDifferentArchitecturesOrClasses() throws IOException {
        Path wide = dir.resolve("wide.net");
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlp:8", "--epochs", "1", "--out",
            wide.toString()).code()).isZero();
        run("fit-curve", "--start", netA.toString(), "--end", wide.toString(), "--data", train.toString(), "--out",
            dir.resolve("x.curve").toString()).refusedWith("mlp:4", "same architecture");
        Path other = dir.resolve("other.net");
        Path otherClasses = csv("other.csv", "x1,x2,label", "1,1,c", "5,4,d", "1,1,c", "5,4,d");
        assertThat(run("train-endpoint", "--data", otherClasses.toString(), "--arch", "mlp:4", "--epochs", "1",
            "--out", other.toString()).code()).isZero();
        run("fit-curve", "--start", netA.toString(), "--end", other.toString(), "--data", train.toString(), "--out",
            dir.resolve("x.curve").toString()).refusedWith("the classes differ: [a, b] vs [c, d]", "same columns and classes");
    }

    @Test
    void aTestSetWhoseColumnsDiffer() throws IOException {
        run("train-endpoint", "--data", train.toString(), "--test",
            csv("test.csv", "y1,y2,label", "1,1,a", "5,4,b").toString(), "--arch", "mlp:4", "--epochs", "1")
            .refusedWith("other feature columns", "same");
    }

    @Test
    void settingsOutOfRange() {
        run("train-endpoint", "--data", train.toString(), "--epochs", "0").refusedWith("The number of epochs 0",
            "at least 1 epoch");
        run("fit-curve", "--start", netA.toString(), "--end", netB.toString(), "--data", train.toString(), "--bends",
            "1", "--out", dir.resolve("x.curve").toString()).refusedWith("1 bends is out of range", "between 2 and 64");
        run("curve-point", "--curve", curve.toString(), "--t", "1.5", "--out", dir.resolve("t.net").toString())
            .refusedWith("t = 1.5 is outside [0, 1]", "Give t between 0");
        run("plane", "--curve", curve.toString(), "--data", train.toString(), "--grid", "1")
            .refusedWith("grid of 1 points", "between 2 and 501");
        run("fge", "--start", netA.toString(), "--data", train.toString(), "--cycle", "6", "--epochs", "4")
            .refusedWith("longer than the 4 epochs", "shorter cycle");
    }

    @Test
    void divergenceStopsAtTheFirstNonFiniteLossAndKeepsTheLastGoodNetwork() {
        // A cyclical rate that climbs to 500 makes this run diverge in epoch 4, after three good epochs.
        Path out = dir.resolve("diverged.net");
        run("train-endpoint", "--data", train.toString(), "--arch", "mlp:64", "--epochs", "20", "--lr", "0.05",
            "--schedule", "cyclic:20:0.01:500", "--batch", "8", "--out", out.toString())
            .refusedWith("Training diverged: the loss became NaN at epoch 4, batch 2", "Lower the learning rate")
            .refusedWith("", "The network after the last complete epoch was written to");
        assertThat(dir.resolve("diverged-last-good.net")).exists();
        assertThat(out).doesNotExist();
    }

    @Test
    void aFailedRunLeavesThePreviousOutputIntact() throws IOException {
        byte[] before = Files.readAllBytes(netB);
        run("train-endpoint", "--data", csv("bad.csv", "x1,label", "1,a").toString(), "--out", netB.toString())
            .refusedWith("only 1 class", "at least two");
        assertThat(Files.readAllBytes(netB)).isEqualTo(before);
    }

    @Test
    void damagedAndTruncatedFiles() throws IOException {
        byte[] good = Files.readAllBytes(netA);
        Path cut = Files.write(dir.resolve("cut.net"), java.util.Arrays.copyOf(good, good.length / 2));
        run("predict", "--model", cut.toString(), "--data", train.toString(), "--out", dir.resolve("p.csv").toString())
            .refusedWith("cut.net", "");
        byte[] flipped = good.clone();
        flipped[flipped.length - 5] ^= 1;
        Path bad = Files.write(dir.resolve("flipped.net"), flipped);
        run("predict", "--model", bad.toString(), "--data", train.toString(), "--out", dir.resolve("p.csv").toString())
            .refusedWith("checksum", "");
    }

    @Test
    void alignmentAndConnectivityOutOfRange() throws IOException {
        Path other = dir.resolve("other.net");
        assertThat(run("train-endpoint", "--data", train.toString(), "--arch", "mlp:6", "--epochs", "1", "--batch", "8",
            "--out", other.toString()).code()).isZero();
        run("align", "--to", netA.toString(), "--net", other.toString(), "--out", dir.resolve("x.net").toString())
            .refusedWith("architectures differ", "same architecture");
        run("align", "--to", netA.toString(), "--net", netB.toString(), "--out", dir.resolve("x.net").toString(),
            "--max-sweeps", "0").refusedWith("0 sweeps", "from 1 to");
        run("align", "--to", netA.toString(), "--net", netB.toString(), "--out", dir.resolve("x.net").toString(),
            "--measure-lines", "--points", "1").refusedWith("1 points", "between 2 and");
        assertThat(dir.resolve("x.net")).doesNotExist();
        run("connectivity", "--networks", netA.toString(), netB.toString(), "--data", train.toString(),
            "--curve-epochs", "-1").refusedWith("--curve-epochs -1", "lines only");
    }

    @Test
    void runningOutOfMemoryNamesTheSettingToRaise() {
        InvalidInputException nativeOom = OutOfMemoryMessages.explain(new OutOfMemoryError(
            "Cannot allocate new FloatPointer(1000000000): totalBytes = 7G, physicalBytes = 9G"));
        assertThat(nativeOom.problem()).contains("Out of native memory");
        assertThat(nativeOom.resolutions()).anyMatch(f -> f.contains("-Dorg.bytedeco.javacpp.maxbytes"));
        InvalidInputException heapOom = OutOfMemoryMessages.explain(new OutOfMemoryError("Java heap space"));
        assertThat(heapOom.problem()).contains("Java heap");
        assertThat(heapOom.resolutions()).anyMatch(f -> f.contains("-Xmx"));
    }
}
