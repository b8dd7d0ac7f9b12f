package org.modeconn.knime.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.curvepoint.CurvePointNodeFactory;
import org.modeconn.knime.evaluatecurve.EvaluateCurveNodeFactory;
import org.modeconn.knime.fge.FgeEnsembleNodeFactory;
import org.modeconn.knime.fitcurve.FitCurveNodeFactory;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.node.SgdParameters;
import org.modeconn.knime.planeslice.PlaneSliceNodeFactory;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.predictor.EnsemblePredictorNodeFactory;
import org.modeconn.knime.trainendpoint.TrainEndpointNodeFactory;

/**
 * A network of every convolutional family moves through every node as a KNIME user chains them on MNIST
 * pixel columns with the image shape set: two Train Endpoints, Fit Curve, Evaluate Curve, Curve Point, FGE
 * Ensemble, Plane Slice (through three networks) and Ensemble Predictor. The nodes are made by their
 * factories and configured through their saved settings, as a workflow does.
 */
class EveryFamilyNodeChainTest {

    @ParameterizedTest
    @ValueSource(strings = {"vgg:16,M,32,M/64", "preresnet:20", "wrn:10x2"})
    void everyNodeTakesTheFamily(String arch) throws Exception {
        BufferedDataTable train = KnimeTables.mnistTrain(160);
        BufferedDataTable test = KnimeTables.mnistTest(40);
        NetworkPortObject a = endpoint(arch, 1, train, test);
        NetworkPortObject b = endpoint(arch, 2, train, test);
        assertThat(a.model().spec().architecture().describe()).isEqualTo(arch);

        CurvePortObject curve = (CurvePortObject)run(new FitCurveNodeFactory(), s -> {
            s.addInt("epochs", 1);
            s.getNodeSettings(SgdParameters.CONFIG_KEY).addInt("batchSize", 32);
        }, a, b, train)[0];
        assertThat(curve.model().bendCount()).isEqualTo(3);

        BufferedDataTable profile = (BufferedDataTable)run(new EvaluateCurveNodeFactory(),
            s -> s.addInt("points", 3), curve, train, test)[0];
        assertThat(profile.size()).isEqualTo(6);

        NetworkPortObject middle = (NetworkPortObject)run(new CurvePointNodeFactory(), s -> s.addDouble("t", 0.5),
            curve, train)[0];
        assertThat(middle.model().spec()).isEqualTo(a.model().spec());

        EnsemblePortObject ensemble = (EnsemblePortObject)run(new FgeEnsembleNodeFactory(), s -> {
            s.addString("cycleUnit", "ITERATIONS");
            s.addInt("cycleLength", 2);
            s.addInt("epochs", 1);
            s.getNodeSettings(SgdParameters.CONFIG_KEY).addInt("batchSize", 32);
        }, a, train, test)[0];
        assertThat(ensemble.model().size()).isGreaterThan(1);

        PortObject[] plane = run(new PlaneSliceNodeFactory(), s -> {
            s.addInt("grid", 2);
            s.addInt("curvePoints", 3);
        }, null, train, test, a, b, middle);
        assertThat(((BufferedDataTable)plane[0]).size()).isEqualTo(4);

        BufferedDataTable byEnsemble = (BufferedDataTable)run(new EnsemblePredictorNodeFactory(), s -> { },
            null, ensemble, test)[0];
        BufferedDataTable byNetwork = (BufferedDataTable)run(new EnsemblePredictorNodeFactory(), s -> { },
            middle, null, test)[0];
        assertThat(byEnsemble.size()).isEqualTo(40);
        assertThat(byNetwork.size()).isEqualTo(40);
    }

    private static NetworkPortObject endpoint(String arch, long seed, BufferedDataTable train,
            BufferedDataTable test) throws Exception {
        return (NetworkPortObject)run(new TrainEndpointNodeFactory(), s -> {
            s.addString("architecture", arch);
            s.addString("imageShape", "1x28x28");
            s.addInt("epochs", 1);
            s.getNodeSettings(SgdParameters.CONFIG_KEY).addInt("batchSize", 32);
            s.addLong("seed", seed);
        }, train, test)[0];
    }

    /** Settings to change from a node's defaults. */
    @FunctionalInterface
    private interface Changes {
        void apply(NodeSettings settings) throws InvalidSettingsException;
    }

    /** Every key of {@code s}, those of its sub-configs as "parent/key". */
    private static Set<String> paths(NodeSettings s) {
        Set<String> paths = new TreeSet<>();
        for (String key : s.keySet()) {
            paths.add(key);
            try {
                paths(s.getNodeSettings(key)).forEach(k -> paths.add(key + "/" + k));
            } catch (InvalidSettingsException e) {
                // a value, not a sub-config
            }
        }
        return paths;
    }

    /** Makes the node, changes its saved default settings, loads them back and executes it. */
    private static PortObject[] run(ModeConnNodeFactory factory, Changes changes, PortObject... in)
            throws Exception {
        ModeConnNodeModel<?> m = NodeHarness.model(factory);
        NodeSettings s = NodeHarness.save(m);
        Set<String> keys = paths(s);
        changes.apply(s);
        // Only existing settings are changed: a misspelt key would be ignored by the node.
        assertThat(paths(s)).as(factory.getClass().getSimpleName() + " settings").isEqualTo(keys);
        NodeHarness.load(m, s);
        return NodeHarness.execute(m, new ExecutionContext(), in);
    }
}
