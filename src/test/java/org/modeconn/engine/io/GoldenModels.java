package org.modeconn.engine.io;

import org.modeconn.engine.record.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.modeconn.engine.TestNetworks;
import org.modeconn.engine.curve.Curve;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The models of the golden files and the program that wrote them (once, with version 0.1.0):
 * {@code src/test/resources/golden/}. Never rewrite those files: {@link GoldenFilesTest} checks that every
 * later version still reads them bit-exact.
 */
final class GoldenModels {

    private GoldenModels() {
    }

    static Network network() {
        return TestNetworks.sample("mlpbn:8", true);
    }

    static CurveModel curve() {
        Network a = TestNetworks.sample("mlp:8", false);
        float[] p = a.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] = p[i] * 1.5f + 0.01f;
        }
        Network b = new Network(a.spec(), a.scaling(), p, null, null);
        return CurveModel.straight(Curve.of(CurveType.POLYCHAIN, 3), a, b);
    }

    static EnsembleModel ensemble() {
        Network a = TestNetworks.sample("mlp:8", false);
        float[] p = a.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] = -p[i];
        }
        return new EnsembleModel(a.spec(), a.scaling(), "fge", List.of(a.parametersView(), p), a.provenance().orElse(null));
    }

    /** Writes the golden files and their recorded hashes into {@code args[0]}. */
    public static void main(final String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        NetworkFile.write(network(), dir.resolve("network-v1.net"));
        CurveFile.write(curve(), dir.resolve("curve-v1.curve"));
        EnsembleFile.write(ensemble(), dir.resolve("ensemble-v1.ens"));
        ObjectNode h = Json.MAPPER.createObjectNode();
        h.put("network_parameters", NetworkFile.sha256(network().parametersView()));
        h.put("network_momentum", NetworkFile.sha256(network().momentum().orElseThrow()));
        for (int i = 0; i < curve().bendCount(); i++) {
            h.put("curve_bend_" + i, NetworkFile.sha256(curve().bendView(i)));
        }
        for (int i = 0; i < ensemble().size(); i++) {
            h.put("ensemble_member_" + i, NetworkFile.sha256(ensemble().memberView(i)));
        }
        Files.writeString(dir.resolve("golden.json"), h.toPrettyString());
    }
}
