package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;

/** {@code predict}: the rows of --test where it is given, else of --data. */
class PredictCommandTest {

    @TempDir
    Path dir;

    @Test
    void testDataIsWhatIsPredictedWhenGiven() throws Exception {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 120, 1);
        Path test = TrainEndpointCommandTest.blobs(dir.resolve("test.csv"), 45, 2);
        Run t = TrainEndpointCommandTest.run("train-endpoint", "--data", train.toString(), "--arch", "mlp:8",
            "--epochs", "1", "--out", dir.resolve("n.net").toString());
        assertThat(t.code()).as(t.err()).isZero();

        Run onTest = TrainEndpointCommandTest.run("predict", "--model", dir.resolve("n.net").toString(), "--data",
            train.toString(), "--test", test.toString(), "--out", dir.resolve("test.csv.out").toString());
        Run onData = TrainEndpointCommandTest.run("predict", "--model", dir.resolve("n.net").toString(), "--data",
            train.toString(), "--out", dir.resolve("train.csv.out").toString());

        assertThat(onTest.code()).as(onTest.err()).isZero();
        assertThat(onTest.out()).startsWith("45 rows");
        assertThat(Files.readAllLines(dir.resolve("test.csv.out"))).hasSize(1 + 45);
        assertThat(onData.out()).startsWith("120 rows");
    }
}
