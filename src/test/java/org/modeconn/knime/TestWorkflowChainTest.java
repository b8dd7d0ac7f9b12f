package org.modeconn.knime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.modeconn.engine.data.CsvReader;
import org.modeconn.engine.record.Json;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.NetworkPortObject;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The test workflows' chain on the node models: the settings each node has in the saved workflows, the
 * workflows' CSV data, and the thresholds their check nodes use (test-workflows/workflow-settings.json), so that
 * a change that would make a workflow fail in KNIME fails here first. No node may warn, as a testflow fails on
 * unexpected warnings.
 */
class TestWorkflowChainTest {

    private static JsonNode limits;
    private static BufferedDataTable train;
    private static BufferedDataTable test;

    @BeforeAll
    static void data() throws Exception {
        limits = Json.MAPPER.readTree(WorkflowFiles.WORKFLOWS.resolve("workflow-settings.json").toFile());
        CsvReader csv = new CsvReader("label", ',', null);
        train = KnimeTables.mnist(csv.read(WorkflowFiles.WORKFLOWS.resolve("data/mnist-train-600.csv")));
        test = KnimeTables.mnist(csv.read(WorkflowFiles.WORKFLOWS.resolve("data/mnist-test-200.csv")));
    }

    private static PortObject[] run(final String workflow, final int id, final PortObject... in) throws Exception {
        ModeConnNodeModel<?> node = WorkflowFiles.load(workflow, id);
        PortObject[] out = NodeHarness.execute(node, new ExecutionContext(), in);
        assertThat(NodeHarness.warning(node)).as(workflow + " node #" + id + " warns").isNull();
        return out;
    }

    private static List<DataRow> rows(final PortObject table) {
        List<DataRow> rows = new ArrayList<>();
        CloseableRowIterator it = ((BufferedDataTable)table).iterator();
        try {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        } finally {
            it.close();
        }
        return rows;
    }

    private static double number(final PortObject table, final DataRow row, final String column) {
        DataCell c = row.getCell(((BufferedDataTable)table).getDataTableSpec().findColumnIndex(column));
        return ((DoubleValue)c).getDoubleValue();
    }

    private static double accuracy(final PortObject predictions) {
        BufferedDataTable t = (BufferedDataTable)predictions;
        int label = t.getDataTableSpec().findColumnIndex("label");
        int prediction = t.getDataTableSpec().findColumnIndex("Prediction");
        int correct = 0;
        List<DataRow> rows = rows(t);
        for (DataRow r : rows) {
            String truth = Integer.toString(((IntValue)r.getCell(label)).getIntValue());
            correct += truth.equals(((StringValue)r.getCell(prediction)).getStringValue()) ? 1 : 0;
        }
        return 100.0 * correct / rows.size();
    }

    @Test
    void theEndToEndCurvePointAndEnsemblePredictorChainsPassTheWorkflowsChecks() throws Exception {
        String e2e = "ModeConn_EndToEnd";
        PortObject[] first = run(e2e, 4, train, test);
        PortObject[] second = run(e2e, 5, train, test);
        List<DataRow> history = rows(first[1]);
        assertThat(history).hasSize(limits.get("endpoint_epochs").asInt());
        assertThat(number(first[1], history.get(history.size() - 1), "test_error"))
            .as("endpoint 1's final test error").isLessThan(limits.get("max_endpoint_test_error").asDouble());

        PortObject[] curve = run(e2e, 6, first[0], second[0], train);
        List<DataRow> curveHistory = rows(curve[1]);
        assertThat(curveHistory).hasSize(limits.get("curve_epochs").asInt());
        assertThat(number(curve[1], curveHistory.get(curveHistory.size() - 1), "train_error"))
            .isLessThan(limits.get("max_curve_train_error").asDouble());

        PortObject[] along = run(e2e, 7, curve[0], train, test);
        BufferedDataTable profile = (BufferedDataTable)along[0];
        assertThat(profile.size()).isEqualTo(22);
        int t = profile.getDataTableSpec().findColumnIndex("t");
        for (DataRow r : rows(profile)) {
            double at = ((DoubleValue)r.getCell(t)).getDoubleValue();
            if (at == 0.0 || at == 1.0) {
                assertThat(number(profile, r, "test_error"))
                    .isLessThan(limits.get("max_endpoint_test_error_along_curve").asDouble());
            }
        }

        PortObject[] plane = run(e2e, 8, curve[0], train, test, null, null);
        assertThat(((BufferedDataTable)plane[0]).size()).isEqualTo(49);

        PortObject[] fge = run(e2e, 9, first[0], train, test);
        List<DataRow> snapshots = rows(fge[1]);
        assertThat(snapshots).isNotEmpty().hasSizeLessThanOrEqualTo(limits.get("fge_epochs").asInt());
        assertThat(number(fge[1], snapshots.get(snapshots.size() - 1), "ensemble_test_error"))
            .isLessThan(limits.get("max_fge_ensemble_test_error").asDouble());
        double ensemble = accuracy(run(e2e, 11, null, fge[0], test)[0]);
        assertThat(ensemble).as("ensemble accuracy, %").isGreaterThanOrEqualTo(
            limits.get("min_prediction_accuracy").asDouble());

        double network = accuracy(run("ModeConn_EnsemblePredictor", 6, first[0], null, test)[0]);
        assertThat(network).as("network accuracy, %").isGreaterThanOrEqualTo(
            limits.get("min_prediction_accuracy").asDouble());

        PortObject[] midpoint = run("ModeConn_CurvePoint", 7, curve[0], train);
        double atHalf = accuracy(run("ModeConn_CurvePoint", 8, midpoint[0], null, test)[0]);
        assertThat(atHalf).as("accuracy at t = 0.5, %").isGreaterThanOrEqualTo(
            limits.get("min_curve_point_accuracy").asDouble());
        System.out.printf("test workflows' chain: endpoint test error %.1f%%, network %.1f%%, ensemble %.1f%%, "
            + "curve point %.1f%% accuracy%n", number(first[1], history.get(history.size() - 1), "test_error"),
            network, ensemble, atHalf);
    }

    @Test
    void theAlignNetworksChainPassesTheWorkflowsChecks() throws Exception {
        String w = "ModeConn_AlignNetworks";
        PortObject first = run(w, 4, train, test)[0];
        PortObject second = run(w, 5, train, test)[0];
        PortObject[] aligned = run(w, 6, first, second, train, test);
        // The workflow's Align Networks measures the line, the aligned line and the aligned line with REPAIR.
        List<DataRow> lines = rows(aligned[2]);
        assertThat(lines).hasSize(33);
        assertThat(lines.get(32).getCell(0).toString()).isEqualTo("aligned line (REPAIR)");
        List<DataRow> layers = rows(aligned[1]);
        assertThat(layers).hasSize(2);
        double before = 0;
        double after = 0;
        for (DataRow r : layers) {
            before += Math.pow(number(aligned[1], r, "distance_before"), 2);
            after += Math.pow(number(aligned[1], r, "distance_after"), 2);
        }
        assertThat(after).isLessThan(before);
        PortObject[] predictions = run(w, 7, aligned[0], null, test);
        assertThat(accuracy(predictions[0])).isGreaterThanOrEqualTo(limits.get("min_prediction_accuracy").asDouble())
            .isEqualTo(accuracy(run("ModeConn_EnsemblePredictor", 6, second, null, test)[0]));
        PortObject[] curve = run(w, 8, first, aligned[0], train);
        // The workflow's Evaluate Curve also gives the line with REPAIR: 11 points each of three paths.
        List<DataRow> profile = rows(run(w, 9, curve[0], train, test)[0]);
        assertThat(profile).hasSize(33);
        assertThat(profile.get(22).getCell(0).toString()).isEqualTo("line (REPAIR)");
        List<DataRow> pairs = rows(run(w, 16, null, train, test, first, second, aligned[0], null)[0]);
        assertThat(pairs).hasSize(3);
        for (DataRow r : pairs) {
            assertThat(r.getCell(3).isMissing()).isFalse();
            assertThat(r.getCell(4).isMissing()).isTrue();
        }
    }

    @Test
    void theTwoEndpointsGiveTheSameNetworksWhenKnimeRunsThemAtOnce() throws Exception {
        // KNIME executes independent branches in parallel, as the two endpoints of every curve workflow.
        PortObject one = run("ModeConn_FitCurve", 4, train, test)[0];
        PortObject two = run("ModeConn_FitCurve", 5, train, test)[0];
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PortObject>> both = pool.invokeAll(List.<Callable<PortObject>>of(
                () -> run("ModeConn_FitCurve", 4, train, test)[0], () -> run("ModeConn_FitCurve", 5, train, test)[0]));
            assertThat(((NetworkPortObject)both.get(0).get()).model().parametersView())
                .isEqualTo(((NetworkPortObject)one).model().parametersView());
            assertThat(((NetworkPortObject)both.get(1).get()).model().parametersView())
                .isEqualTo(((NetworkPortObject)two).model().parametersView());
        } finally {
            pool.shutdown();
        }
    }
}
