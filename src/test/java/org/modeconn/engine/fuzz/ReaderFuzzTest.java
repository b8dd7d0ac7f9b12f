package org.modeconn.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.TestNetworks;
import org.modeconn.engine.data.CsvReader;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.IdxReader;
import org.modeconn.engine.io.ModelContainer;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzing of every reader: whatever the bytes, a reader returns data or refuses with an
 * {@link InvalidInputException} that names the problem; no other exception, no hang, no allocation beyond
 * what the input's length justifies. CI runs a bounded number of tries; {@code -Djqwik.tries.default=N} runs
 * more.
 */
class ReaderFuzzTest {

    private static final byte[] VALID_NETWORK = validNetworkBytes();

    @Provide
    Arbitrary<String> csvText() {
        Arbitrary<String> cell = Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789.-e").ofMaxLength(6),
            Arbitraries.of("", "NaN", "?", "NA", "1e999", "-1e999", "label", "a", "\"x,y\"", "\"", "7"));
        Arbitrary<String> row = cell.list().ofMinSize(1).ofMaxSize(6)
            .flatMap(cells -> Arbitraries.of(",", ";", "\t").map(d -> String.join(d, cells)));
        return row.list().ofMaxSize(8).map(rows -> String.join("\n", rows));
    }

    @Property(tries = 300)
    void csvReaderReturnsDataOrAClearRefusal(@ForAll("csvText") final String text) throws IOException {
        try {
            Dataset d = CsvReader.defaults().read(new StringReader(text), "fuzz.csv");
            assertThat(d.numExamples()).isPositive();
        } catch (InvalidInputException e) {
            assertThat(e.problem()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void idxReaderChecksSizesBeforeAllocating(@ForAll @IntRange(min = 0, max = 4) final int images,
        @ForAll final int claimedCount, @ForAll @IntRange(min = -2, max = 70000) final int rows,
        @ForAll @Size(max = 64) final byte[] tail) {
        ByteBuffer img = ByteBuffer.allocate(16 + tail.length);
        img.putInt(2051).putInt(claimedCount).putInt(rows).putInt(28).put(tail);
        ByteBuffer lab = ByteBuffer.allocate(8 + images);
        lab.putInt(2049).putInt(images);
        try {
            Dataset d = IdxReader.decode(img.array(), "images", lab.array(), "labels", "fuzz");
            assertThat(d.numExamples()).isLessThanOrEqualTo(images);
        } catch (InvalidInputException e) {
            assertThat(e.problem()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void modelFilesWithDamagedBytesAreRefused(@ForAll @IntRange(min = 0, max = 100_000) final int position,
        @ForAll final byte value, @ForAll @IntRange(min = 0, max = 2) final int kind) {
        byte[] b;
        int p = position % VALID_NETWORK.length;
        switch (kind) {
            case 0 -> {
                b = VALID_NETWORK.clone();
                b[p] = (byte)(b[p] ^ (value == 0 ? 1 : value));
            }
            case 1 -> b = java.util.Arrays.copyOf(VALID_NETWORK, p);
            default -> {
                b = new byte[VALID_NETWORK.length + 1];
                System.arraycopy(VALID_NETWORK, 0, b, 0, p);
                b[p] = value;
                System.arraycopy(VALID_NETWORK, p, b, p + 1, VALID_NETWORK.length - p);
            }
        }
        try {
            Network n = NetworkFile.fromContainer(ModelContainer.decode(b, "fuzz.net", NetworkFile.KIND), "fuzz.net");
            // Only a change that leaves every checked byte intact may load, and then it is the same network.
            assertThat(n.parametersView()).hasSize(TestNetworks.sample("mlp:8", false).parametersView().length);
        } catch (InvalidInputException e) {
            assertThat(e.problem()).contains("fuzz.net");
        }
    }

    @Property(tries = 200)
    void modelFilesWithStrangeHeadersAreRefused(@ForAll("headers") final String header) throws IOException {
        byte[] bytes = withHeader(header);
        try {
            NetworkFile.fromContainer(ModelContainer.decode(bytes, "fuzz.net", NetworkFile.KIND), "fuzz.net");
        } catch (InvalidInputException e) {
            assertThat(e.problem()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> value = Arbitraries.of("null", "1", "-1", "2147483647", "1e300", "\"x\"", "[]", "{}", "true",
            "{\"family\":\"mlp\",\"widths\":[8],\"batchNorm\":false}", "{\"family\":\"cnn\"}", "[-5]");
        Arbitrary<String> key = Arbitraries.of("kind", "spec", "scaling", "arrays", "architecture", "inputFeatures",
            "classNames", "imageShape", "provenance", "weightsSha256", "name", "length");
        return Arbitraries.entries(key, value).list().ofMaxSize(6).map(es -> {
            StringBuilder s = new StringBuilder("{\"kind\":\"network\"");
            es.forEach(e -> s.append(",\"").append(e.getKey()).append("\":").append(e.getValue()));
            return s.append('}').toString();
        });
    }

    /** A container with the given header and a valid checksum, so that the header parser itself is fuzzed. */
    private static byte[] withHeader(final String header) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode h;
        try {
            h = (com.fasterxml.jackson.databind.node.ObjectNode)org.modeconn.engine.record.Json.MAPPER.readTree(header);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
            return VALID_NETWORK;
        }
        Path f = Files.createTempFile("fuzz", ".net");
        try {
            new ModelContainer(h, java.util.Map.of("trainable", new float[] {1, 2, 3})).write(f);
            return Files.readAllBytes(f);
        } catch (InvalidInputException e) {
            return VALID_NETWORK;
        } finally {
            Files.deleteIfExists(f);
        }
    }

    private static byte[] validNetworkBytes() {
        try {
            Path f = Files.createTempFile("valid", ".net");
            NetworkFile.write(TestNetworks.sample("mlp:8", false), f);
            byte[] b = Files.readAllBytes(f);
            Files.delete(f);
            return b;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
