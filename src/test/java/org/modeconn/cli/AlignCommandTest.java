package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.cli.TrainEndpointCommandTest.Run;
import org.modeconn.engine.data.CsvReader;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code align}: writes the aligned network (same predictions), its per-layer table and both lines' barriers. */
class AlignCommandTest {

    @TempDir
    Path dir;

    @Test
    void alignWritesTheSameFunctionCloserToTheReference() throws IOException {
        Path train = TrainEndpointCommandTest.blobs(dir.resolve("train.csv"), 300, 1);
        Path test = TrainEndpointCommandTest.blobs(dir.resolve("test.csv"), 90, 2);
        for (int seed = 1; seed <= 2; seed++) {
            Run r = TrainEndpointCommandTest.run("train-endpoint", "--data", train.toString(), "--arch", "mlp:16,8",
                "--epochs", "3", "--seed", "" + seed, "--out", dir.resolve("n" + seed + ".net").toString());
            assertThat(r.code()).as(r.err()).isZero();
        }
        Path aligned = dir.resolve("n2-aligned.net");
        Run r = TrainEndpointCommandTest.run("align", "--to", dir.resolve("n1.net").toString(), "--net",
            dir.resolve("n2.net").toString(), "--out", aligned.toString(), "--measure-lines", "--data",
            train.toString(), "--test", test.toString(), "--points", "5", "--csv", dir.resolve("layers.csv").toString(),
            "--summary", dir.resolve("s.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("permutations matched").contains("line barrier, test error");
        Network before = NetworkFile.read(dir.resolve("n2.net"));
        Network after = NetworkFile.read(aligned);
        Dataset data = new CsvReader("species", ',', null).read(test);
        float[] p = Predictor.predict(before, data).probabilities();
        float[] q = Predictor.predict(after, data).probabilities();
        for (int i = 0; i < p.length; i++) {
            assertThat(q[i]).isCloseTo(p[i], within(1e-5f));
        }
        assertThat(Files.readAllLines(dir.resolve("layers.csv"))).hasSize(1 + 3)
            .first().isEqualTo("layer,units,permutation,cosine_before,cosine_after,distance_before,distance_after");
        JsonNode s = Json.MAPPER.readTree(dir.resolve("s.json").toFile());
        assertThat(s.get("permutations").asInt()).isEqualTo(2);
        assertThat(s.get("distance_after").asDouble()).isLessThan(s.get("distance_before").asDouble());
        assertThat(s.has("line_barrier_test_error_before")).isTrue();
        assertThat(s.has("line_barrier_train_loss_after")).isTrue();
    }
}
