package org.modeconn.knime.views;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.node.DefaultView;
import org.knime.node.DefaultView.ViewInput;
import org.knime.node.parameters.NodeParameters;
import org.modeconn.engine.record.Json;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.evaluatecurve.EvaluateCurveNodeFactory;
import org.modeconn.knime.fge.FgeEnsembleNodeFactory;
import org.modeconn.knime.fitcurve.FitCurveNodeFactory;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.node.NodeHarness.Execution;
import org.modeconn.knime.planeslice.PlaneSliceNodeFactory;
import org.modeconn.knime.trainendpoint.TrainEndpointNodeFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A short real MNIST chain through the five nodes with views (two Train Endpoints, Fit Curve, Evaluate Curve,
 * FGE Ensemble, Plane Slice), run once per test JVM; what each node's view data service sends, beside the
 * node's outputs.
 */
final class ViewFixtures {

    /** One node's run: its outputs and the initial data its view sends. */
    record ViewRun(ModeConnNodeFactory factory, PortObject[] outputs, String initialData) {

        /** The {@code result} of the initial data, parsed. */
        JsonNode result() throws Exception {
            return Json.MAPPER.readTree(initialData).get("result");
        }
    }

    /** The node runs, by the page that shows them (Train Endpoint for the learning curves). */
    static final Map<ViewPage, ViewRun> RUNS = new EnumMap<>(ViewPage.class);

    /** Fit Curve's run (the other learning-curves page). */
    static ViewRun fitCurve;

    /** Plane Slice's 1-D slice along the line between the two endpoints (the plane page drawn as a line). */
    static ViewRun lineSlice;

    private static boolean done;

    private ViewFixtures() {
    }

    static synchronized void ensureRun() throws Exception {
        if (done) {
            return;
        }
        BufferedDataTable train = KnimeTables.mnistTrain(400);
        BufferedDataTable test = KnimeTables.mnistTest(100);
        ViewRun a = run(new TrainEndpointNodeFactory(), s -> {
            s.addInt("epochs", 6);
            s.addLong("seed", 1);
        }, train, test);
        ViewRun b = run(new TrainEndpointNodeFactory(), s -> {
            s.addInt("epochs", 6);
            s.addLong("seed", 2);
        }, train, test);
        fitCurve = run(new FitCurveNodeFactory(), s -> s.addInt("epochs", 2), a.outputs()[0], b.outputs()[0], train);
        ViewRun profile = run(new EvaluateCurveNodeFactory(), s -> s.addInt("points", 11), fitCurve.outputs()[0],
            train, test);
        ViewRun fge = run(new FgeEnsembleNodeFactory(), s -> {
            s.addString("cycleUnit", "ITERATIONS");
            s.addInt("cycleLength", 8);
            s.addInt("epochs", 2);
        }, a.outputs()[0], train, test);
        ViewRun plane = run(new PlaneSliceNodeFactory(), s -> {
            s.addInt("grid", 7);
            s.addInt("curvePoints", 9);
        }, fitCurve.outputs()[0], train, test, null, null, null);
        lineSlice = run(new PlaneSliceNodeFactory(), s -> {
            s.addString("plane", "LINE_BETWEEN_NETWORKS");
            s.addInt("grid", 9);
        }, null, train, test, a.outputs()[0], b.outputs()[0], null);
        RUNS.put(ViewPage.LEARNING_CURVES, a);
        RUNS.put(ViewPage.CURVE_PROFILE, profile);
        RUNS.put(ViewPage.FGE, fge);
        RUNS.put(ViewPage.PLANE, plane);
        done = true;
    }

    @FunctionalInterface
    private interface Changes {
        void apply(NodeSettings settings);
    }

    private static ViewRun run(final ModeConnNodeFactory factory, final Changes changes, final PortObject... in)
        throws Exception {
        ModeConnNodeModel<?> m = NodeHarness.model(factory);
        NodeSettings s = NodeHarness.save(m);
        changes.apply(s);
        NodeHarness.load(m, s);
        Execution e = NodeHarness.run(m, new ExecutionContext(), in);
        assertThat(e.internal()).as(factory.getClass().getSimpleName() + " internal data").hasSize(1);
        DefaultView view = factory.subsetNode().subsetView().orElseThrow();
        String initial = view.subsetInitialDataService(new ViewInput() {
            @Override
            public <S extends NodeParameters> S getParameters() {
                return null;
            }

            @Override
            public PortObject[] getInternalPortObjects() {
                return e.internal();
            }
        }).orElseThrow().getInitialData();
        return new ViewRun(factory, e.outputs(), initial);
    }
}
