package org.modeconn.engine.io;

import org.modeconn.engine.record.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.TestNetworks;
import org.modeconn.engine.network.Network;

class NetworkFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExactWithStatisticsMomentumAndProvenance() {
        Network n = TestNetworks.sample("mlpbn:8,8", true);
        Path f = dir.resolve("a.net");
        NetworkFile.write(n, f);
        Network back = NetworkFile.read(f);
        assertThat(back.spec()).isEqualTo(n.spec());
        assertThat(back.scaling()).isEqualTo(n.scaling());
        assertThat(Float.floatToRawIntBits(back.parametersView()[1])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(NetworkFile.weightsSha256(back)).isEqualTo(NetworkFile.weightsSha256(n));
        assertThat(back.momentum().orElseThrow()).containsExactly(n.momentum().orElseThrow());
        assertThat(back.provenance()).isEqualTo(n.provenance());
        // writing what was read gives the same bytes
        Path g = dir.resolve("b.net");
        NetworkFile.write(back, g);
        assertThat(NetworkFile.read(g).parametersView()).containsExactly(n.parametersView());
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        Path f = dir.resolve("a.net");
        NetworkFile.write(TestNetworks.sample("mlp:4", false), f);
        byte[] good = Files.readAllBytes(f);
        for (int pos : new int[] {0, 9, 14, 20, good.length / 2, good.length - 40, good.length - 1}) {
            byte[] bad = good.clone();
            bad[pos] ^= 0x10;
            Files.write(f, bad);
            assertThatThrownBy(() -> NetworkFile.read(f)).as("byte " + pos).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a.net");
        }
    }

    @Test
    void truncatedEmptyForeignAndWrongKindFilesAreRefusedClearly() throws IOException {
        Path f = dir.resolve("a.net");
        NetworkFile.write(TestNetworks.sample("mlp:4", false), f);
        byte[] good = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(good, good.length - 7));
        assertThatThrownBy(() -> NetworkFile.read(f)).hasMessageContaining("damaged");
        Files.write(f, new byte[0]);
        assertThatThrownBy(() -> NetworkFile.read(f)).hasMessageContaining("does not start with MODECONN");
        Files.writeString(f, "label,x\n1,2\n");
        assertThatThrownBy(() -> NetworkFile.read(f)).hasMessageContaining("not a network file of this tool");
        Path curve = dir.resolve("c.curve");
        new ModelContainer(Json.MAPPER.createObjectNode().put("kind", "curve"), java.util.Map.of()).write(curve);
        assertThatThrownBy(() -> NetworkFile.read(curve)).hasMessageContaining("is a curve file, not a network file");
        assertThatThrownBy(() -> NetworkFile.read(dir.resolve("missing.net"))).hasMessageContaining("does not exist");
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("a.net");
        NetworkFile.write(TestNetworks.sample("mlp:4", false), f);
        NetworkFile.write(TestNetworks.sample("mlp:4", true), f);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.net");
        }
        assertThat(NetworkFile.read(f).momentum()).isPresent();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
            .isEqualTo("rw-r--r--");
        assertThatThrownBy(() -> NetworkFile.write(TestNetworks.sample("mlp:4", false), f.resolve("inside-a-file.net")))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("could not be written");
        assertThat(NetworkFile.read(f).momentum()).isPresent();
    }
}
