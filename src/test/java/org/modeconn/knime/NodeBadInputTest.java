package org.modeconn.knime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.modeconn.knime.evaluatecurve.EvaluateCurveNodeFactory;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.trainendpoint.TrainEndpointNodeFactory;

/** The bad-input catalogue at the node layer: the cases the node tests do not already cover. */
class NodeBadInputTest {

    private static ModeConnNodeModel<?> trainEndpoint() {
        return NodeHarness.model(new TrainEndpointNodeFactory());
    }

    private static void assertRefused(final Throwable e, final String problem, final String fix) {
        assertThat(e).isInstanceOf(KNIMEException.class).hasMessageContaining(problem);
        assertThat(((KNIMEException)e).getKNIMEMessage().getResolutions()).anyMatch(r -> r.contains(fix));
    }

    @Test
    void anEmptyTable() {
        BufferedDataTable empty = KnimeTables.of(KnimeTables.mnistSpec(), List.of());
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(
            () -> NodeHarness.execute(trainEndpoint(), new ExecutionContext(), empty, null));
        assertRefused(e, "The training table is empty", "at least one row");
    }

    @Test
    void aTableWithOneClass() {
        List<DataCell[]> rows = new ArrayList<>();
        CloseableRowIterator it = KnimeTables.mnistTrain(30).iterator();
        while (it.hasNext()) {
            DataRow r = it.next();
            DataCell[] cells = new DataCell[r.getNumCells()];
            for (int j = 0; j < cells.length; j++) {
                cells[j] = j == 0 ? new IntCell(7) : r.getCell(j);
            }
            rows.add(cells);
        }
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> NodeHarness.execute(trainEndpoint(),
            new ExecutionContext(), KnimeTables.of(KnimeTables.mnistSpec(), rows), null));
        assertRefused(e, "only 1 class", "at least two");
    }

    @Test
    void epochsOutOfRange() throws Exception {
        var settings = NodeHarness.save(trainEndpoint());
        settings.addInt("epochs", 0);
        assertThatThrownBy(() -> NodeHarness.load(trainEndpoint(), settings))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("The number of epochs 0")
            .hasMessageContaining("at least 1 epoch");
    }

    @Test
    void labelsTheModelNeverSaw() throws Exception {
        List<DataCell[]> rows = new ArrayList<>();
        CloseableRowIterator it = KnimeTables.mnistTest(20).iterator();
        while (it.hasNext()) {
            DataRow r = it.next();
            DataCell[] cells = new DataCell[r.getNumCells()];
            for (int j = 0; j < cells.length; j++) {
                cells[j] = j == 0 && rows.isEmpty() ? new IntCell(99) : r.getCell(j);
            }
            rows.add(cells);
        }
        ModeConnNodeModel<?> evaluate = NodeHarness.model(new EvaluateCurveNodeFactory());
        Throwable e = org.assertj.core.api.Assertions.catchThrowable(() -> NodeHarness.execute(evaluate,
            new ExecutionContext(), NodeFixtures.curve(), KnimeTables.mnistTrain(300),
            KnimeTables.of(KnimeTables.mnistSpec(), rows)));
        assertRefused(e, "labels the network never saw in training: [99]", "Remove those rows");
    }
}
