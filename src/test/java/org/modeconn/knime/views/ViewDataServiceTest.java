package org.modeconn.knime.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject;
import org.modeconn.knime.alignnetworks.AlignNetworksNodeFactory;
import org.modeconn.knime.connectivity.ConnectivityMatrixNodeFactory;
import org.modeconn.knime.curvepoint.CurvePointNodeFactory;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.predictor.EnsemblePredictorNodeFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The view data services against what the nodes output on a real run: the figures a page shows are those of
 * the node's output tables.
 */
class ViewDataServiceTest {

    @BeforeAll
    static void run() throws Exception {
        ViewFixtures.ensureRun();
    }

    private static List<DataRow> rows(PortObject table) {
        List<DataRow> rows = new ArrayList<>();
        try (CloseableRowIterator it = ((BufferedDataTable)table).iterator()) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    private static double number(DataRow row, int column) {
        return ((DoubleValue)row.getCell(column)).getDoubleValue();
    }

    @Test
    void theFiveNodesHaveViewsAndTheOthersNone() {
        for (ModeConnNodeFactory f : List.of(new CurvePointNodeFactory(), new EnsemblePredictorNodeFactory(),
            new AlignNetworksNodeFactory(), new ConnectivityMatrixNodeFactory())) {
            assertThat(f.hasNodeView()).as(f.getClass().getSimpleName()).isFalse();
        }
        for (ViewFixtures.ViewRun r : ViewFixtures.RUNS.values()) {
            assertThat(r.factory().hasNodeView()).isTrue();
            assertThat(r.factory().definition().view().description()).isNotBlank();
        }
        assertThat(ViewFixtures.fitCurve.factory().definition().view().page()).isEqualTo(ViewPage.LEARNING_CURVES);
    }

    @Test
    void learningCurvesAreTheHistoryTable() throws Exception {
        for (ViewFixtures.ViewRun r : List.of(ViewFixtures.RUNS.get(ViewPage.LEARNING_CURVES),
            ViewFixtures.fitCurve)) {
            JsonNode j = r.result();
            assertThat(j.get("view").asText()).isEqualTo("learning-curves");
            assertThat(j.get("subtitle").asText()).contains("seed");
            List<DataRow> history = rows(r.outputs()[1]);
            assertThat(j.get("epochs")).hasSize(history.size());
            for (int i = 0; i < history.size(); i++) {
                JsonNode e = j.get("epochs").get(i);
                assertThat(e.get("trainLoss").asDouble()).isCloseTo(number(history.get(i), 2), within(1e-12));
                assertThat(e.get("trainError").asDouble()).isCloseTo(number(history.get(i), 3), within(1e-12));
            }
        }
        // The endpoint was tested after every epoch, and learnt.
        JsonNode epochs = ViewFixtures.RUNS.get(ViewPage.LEARNING_CURVES).result().get("epochs");
        assertThat(epochs.get(epochs.size() - 1).get("testError").asDouble())
            .isLessThan(epochs.get(0).get("testError").asDouble());
    }

    @Test
    void theProfileIsTheProfileTableWithEachPathsBarrier() throws Exception {
        ViewFixtures.ViewRun r = ViewFixtures.RUNS.get(ViewPage.CURVE_PROFILE);
        JsonNode j = r.result();
        List<DataRow> table = rows(r.outputs()[0]);
        JsonNode paths = j.get("paths");
        assertThat(paths.get(0).get("name").asText()).isEqualTo("curve");
        assertThat(paths.get(0).get("points").size() + paths.get(1).get("points").size()).isEqualTo(table.size());
        // Row by row, curve then line: the same t and figures as the profile table.
        int row = 0;
        for (JsonNode path : paths) {
            for (JsonNode p : path.get("points")) {
                DataRow cells = table.get(row++);
                assertThat(((StringValue)cells.getCell(0)).getStringValue()).isEqualTo(path.get("name").asText());
                assertThat(p.get("t").asDouble()).isEqualTo(number(cells, 1));
                assertThat(p.get("trainLoss").asDouble()).isEqualTo(number(cells, 2));
                assertThat(p.get("trainError").asDouble()).isEqualTo(number(cells, 3));
                assertThat(p.get("testError").asDouble()).isEqualTo(number(cells, 5));
            }
        }
        double max = 0;
        for (JsonNode p : paths.get(1).get("points")) {
            max = Math.max(max, p.get("trainLoss").asDouble());
        }
        assertThat(paths.get(1).get("barrier").get("trainLoss").asDouble()).isEqualTo(max);
    }

    @Test
    void theFgeRunHasEveryIterationAndTheSnapshotTable() throws Exception {
        ViewFixtures.ViewRun r = ViewFixtures.RUNS.get(ViewPage.FGE);
        JsonNode j = r.result();
        List<DataRow> snapshots = rows(r.outputs()[1]);
        assertThat(j.get("snapshots")).hasSize(snapshots.size());
        // 400 rows in batches of 128 make 4 iterations an epoch; two epochs.
        assertThat(j.get("iterations")).hasSize(8);
        assertThat(j.get("startTestError").asDouble()).isBetween(0.0, 100.0);
        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(j.get("snapshots").get(i).get("ensembleTestError").asDouble())
                .isCloseTo(number(snapshots.get(i), 7), within(1e-9));
            assertThat(j.get("snapshots").get(i).get("swaTestError").asDouble())
                .isCloseTo(number(snapshots.get(i), 9), within(1e-9));
        }
    }

    @Test
    void thePlaneIsTheGridTableWithContoursAndTheCurve() throws Exception {
        ViewFixtures.ViewRun r = ViewFixtures.RUNS.get(ViewPage.PLANE);
        JsonNode j = r.result();
        assertThat(j.get("xs")).hasSize(7);
        assertThat(j.get("ys")).hasSize(7);
        List<DataRow> grid = rows(r.outputs()[0]);
        assertThat(grid).hasSize(49);
        // The grid table runs over y, then x: each cell's coordinates and figures are the table's.
        for (int k = 0; k < grid.size(); k++) {
            int iy = k / 7;
            int ix = k % 7;
            assertThat(j.get("xs").get(ix).asDouble()).isEqualTo(number(grid.get(k), 2));
            assertThat(j.get("ys").get(iy).asDouble()).isEqualTo(number(grid.get(k), 3));
            assertThat(j.get("metrics").get("trainLoss").get(iy).get(ix).asDouble()).isEqualTo(number(grid.get(k), 4));
            assertThat(j.get("metrics").get("testError").get(iy).get(ix).asDouble()).isEqualTo(number(grid.get(k), 7));
        }
        for (String metric : List.of("trainLoss", "trainError", "testLoss", "testError")) {
            assertThat(j.get("metrics").get(metric)).as(metric).hasSize(7);
            assertThat(j.get("contours").get(metric)).as(metric).isNotEmpty();
        }
        assertThat(j.get("points")).hasSize(3);
        assertThat(j.get("curve")).hasSize(9);
    }

    @Test
    void aNodeWithoutViewDataSaysToExecuteItAgain() {
        assertThat(ViewDataTable.json(null)).contains("execute it");
        assertThat(ViewDataTable.json(new PortObject[0])).contains("error");
    }
}
