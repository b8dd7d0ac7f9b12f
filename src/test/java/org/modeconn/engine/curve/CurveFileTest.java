package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.TestNetworks;
import org.modeconn.engine.network.Network;

class CurveFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIsBitExactAndCorruptionIsRefused() throws IOException {
        Network a = TestNetworks.sample("mlpbn:8,8", false);
        Network b = new Network(a.spec(), a.scaling(), a.layout().initialise(77), null, null);
        CurveModel c = CurveModel.straight(new PolyChainCurve(4), a, b);
        Path f = dir.resolve("c.curve");
        CurveFile.write(c, f);
        CurveModel back = CurveFile.read(f);
        assertThat(back.curve()).isEqualTo(c.curve());
        assertThat(back.spec()).isEqualTo(c.spec());
        assertThat(back.scaling()).isEqualTo(c.scaling());
        for (int i = 0; i < 4; i++) {
            assertThat(back.bendView(i)).containsExactly(c.bendView(i));
        }
        assertThat(back.layout().trainable(back.bendView(0))).containsExactly(a.layout().trainable(a.parametersView()));
        byte[] bytes = Files.readAllBytes(f);
        bytes[bytes.length / 2] ^= 1;
        Files.write(f, bytes);
        assertThatThrownBy(() -> CurveFile.read(f)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("damaged");
        Path net = dir.resolve("a.net");
        NetworkFile.write(a, net);
        assertThatThrownBy(() -> CurveFile.read(net)).hasMessageContaining("is a network file, not a curve file");
    }

    @Test
    void refusesEndpointsThatCannotBeJoined() {
        Network a = TestNetworks.sample("mlp:8", false);
        Network b = TestNetworks.sample("mlp:9", false);
        assertThatThrownBy(() -> CurveModel.straight(new BezierCurve(3), a, b))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("architectures differ")
            .hasMessageContaining("mlp:8 vs mlp:9");
        assertThatThrownBy(() -> CurveModel.straight(new BezierCurve(3), a, a).pointAt(1.5))
            .hasMessageContaining("t = 1.5 is outside [0, 1]");
    }
}
