package org.modeconn.knime.connectivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.table.OutputTables;

/** Connectivity Matrix on three small MNIST MLPs: one row per pair, lines always, curves when asked. */
class ConnectivityMatrixNodeModelTest {

    private static List<DataRow> rows(final PortObject table) {
        List<DataRow> rows = new ArrayList<>();
        try (CloseableRowIterator it = ((BufferedDataTable)table).iterator()) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    @Test
    void threeNetworksGiveThreePairsOfLinesAndCurvesWhenAsked() throws Exception {
        ConnectivityMatrixNodeModel m = new ConnectivityMatrixNodeModel();
        m.parameters().m_points = 3;
        NodeHarness.apply(m);
        assertThat(NodeHarness.configure(m, null, KnimeTables.mnistSpec(), KnimeTables.mnistSpec(),
            NodeFixtures.first().getSpec(), NodeFixtures.second().getSpec(), null, null)[0])
            .isEqualTo(OutputTables.CONNECTIVITY);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), null, KnimeTables.mnistTrain(200),
            KnimeTables.mnistTest(100), NodeFixtures.first(), NodeFixtures.second(), null, NodeFixtures.midpoint());
        List<DataRow> pairs = rows(out[0]);
        assertThat(pairs).hasSize(3);
        assertThat(pairs).extracting(r -> ((StringValue)r.getCell(0)).getStringValue() + "-"
            + ((StringValue)r.getCell(1)).getStringValue())
            .containsExactly("network 1-network 2", "network 1-network 4", "network 2-network 4");
        for (DataRow r : pairs) {
            assertThat(r.getCell(2)).isInstanceOf(DoubleValue.class);
            assertThat(r.getCell(3)).isInstanceOf(DoubleValue.class);
            assertThat(r.getCell(4).isMissing()).isTrue();
            assertThat(r.getCell(5).isMissing()).isTrue();
        }

        m.parameters().m_fitCurves = true;
        m.parameters().m_curveEpochs = 1;
        NodeHarness.apply(m);
        List<DataRow> withCurves = rows(NodeHarness.execute(m, new ExecutionContext(), null,
            KnimeTables.mnistTrain(200), null, NodeFixtures.first(), NodeFixtures.second(), null, null)[0]);
        assertThat(withCurves).hasSize(1);
        assertThat(withCurves.get(0).getCell(4)).isInstanceOf(DoubleValue.class);
        // without a test table the test-error barriers are missing, not zero
        assertThat(withCurves.get(0).getCell(3).isMissing()).isTrue();
        assertThat(withCurves.get(0).getCell(5).isMissing()).isTrue();
    }

    @Test
    void oneNetworkIsRefusedAtConfigure() throws Exception {
        ConnectivityMatrixNodeModel m = new ConnectivityMatrixNodeModel();
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, null, KnimeTables.mnistSpec(), null,
            NodeFixtures.first().getSpec(), null, null, null)).hasMessageContaining("at least two networks");
    }
}
