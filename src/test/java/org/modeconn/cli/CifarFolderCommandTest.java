package org.modeconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;

class CifarFolderCommandTest {

    @TempDir
    Path dir;

    /** CIFAR-10 records of two classes told apart by the red channel's brightness. */
    private static byte[] batch(Random r, int records) {
        int size = 1 + 3 * 32 * 32;
        byte[] out = new byte[records * size];
        for (int i = 0; i < records; i++) {
            int label = i % 2 == 0 ? 0 : 6;
            out[i * size] = (byte) label;
            for (int k = 0; k < 3 * 32 * 32; k++) {
                int base = k < 1024 ? (label == 0 ? 200 : 40) : 120;
                out[i * size + 1 + k] = (byte) Math.max(0, Math.min(255, base + r.nextInt(41) - 20));
            }
        }
        return out;
    }

    @Test
    void trainEndpointReadsACifarFolderAndTestsOnItsTestBatch() throws IOException {
        Random r = new Random(5);
        Path data = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int i = 1; i <= 5; i++) {
            Files.write(data.resolve("data_batch_" + i + ".bin"), batch(r, 32));
        }
        Files.write(data.resolve("test_batch.bin"), batch(r, 20));
        Files.writeString(data.resolve("batches.meta.txt"),
            "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
        Path net = dir.resolve("cifar.net");
        Path summary = dir.resolve("summary.json");
        TrainEndpointCommandTest.Run run = TrainEndpointCommandTest.run("train-endpoint", "--data", data.toString(),
            "--arch", "cnn:8/32", "--epochs", "8", "--batch", "16", "--lr", "0.01", "--out", net.toString(), "--summary",
            summary.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode s = Json.MAPPER.readTree(summary.toFile());
        assertThat(s.has("test_error")).isTrue();
        assertThat(s.get("test_error").asDouble()).as(s.toString() + run.out()).isLessThan(20.0);
        Network n = NetworkFile.read(net);
        assertThat(n.spec().imageShape()).isEqualTo(new ImageShape(3, 32, 32));
        assertThat(n.spec().classNames()).hasSize(10).contains("airplane", "frog");
    }
}
