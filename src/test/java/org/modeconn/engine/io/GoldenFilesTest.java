package org.modeconn.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.train.TrainingSettings;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Files written by version 0.1.0 (src/test/resources/golden) load bit-exact: the hashes of every array
 * recorded when they were written, and the same values as the models that were written.
 */
class GoldenFilesTest {

    private static Path golden(final String name) throws URISyntaxException {
        return Path.of(GoldenFilesTest.class.getResource("/golden/" + name).toURI());
    }

    private static JsonNode hashes() throws Exception {
        return Json.MAPPER.readTree(golden("golden.json").toFile());
    }

    @Test
    void networkFileOfVersion1() throws Exception {
        Network n = NetworkFile.read(golden("network-v1.net"));
        assertThat(NetworkFile.sha256(n.parametersView())).isEqualTo(hashes().get("network_parameters").asText());
        assertThat(NetworkFile.sha256(n.momentum().orElseThrow())).isEqualTo(hashes().get("network_momentum").asText());
        assertThat(n.parametersView()).containsExactly(GoldenModels.network().parametersView());
        assertThat(n.spec().architecture().describe()).isEqualTo("mlpbn:8");
        assertThat(n.spec().classNames()).containsExactly("cat", "dog", "emu");
        assertThat(n.provenance().orElseThrow().seed()).isEqualTo(7);
        assertThat(n.provenance().orElseThrow().history()).hasSize(2);
        // Its settings were written in a shape of their own: not read as today's, and kept.
        assertThat(n.provenance().orElseThrow().settings(TrainingSettings.class)).isEmpty();
        assertThat(n.provenance().orElseThrow().settingsJson().get("lr").asDouble()).isEqualTo(0.05);
    }

    @Test
    void curveFileOfVersion1() throws Exception {
        CurveModel c = CurveFile.read(golden("curve-v1.curve"));
        assertThat(c.curve().type()).isEqualTo(CurveType.POLYCHAIN);
        assertThat(c.bendCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(NetworkFile.sha256(c.bendView(i))).isEqualTo(hashes().get("curve_bend_" + i).asText());
            assertThat(c.bendView(i)).containsExactly(GoldenModels.curve().bendView(i));
        }
    }

    @Test
    void ensembleFileOfVersion1() throws Exception {
        EnsembleModel e = EnsembleFile.read(golden("ensemble-v1.ens"));
        assertThat(e.method()).isEqualTo("fge");
        assertThat(e.size()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(NetworkFile.sha256(e.memberView(i))).isEqualTo(hashes().get("ensemble_member_" + i).asText());
        }
    }
}
