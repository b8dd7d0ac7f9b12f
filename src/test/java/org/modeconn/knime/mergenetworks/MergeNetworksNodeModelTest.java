package org.modeconn.knime.mergenetworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.merge.MergeSettings;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.OutputTables;

/** Merge Networks on two small MNIST MLPs: the merged network, its member table, and what configure refuses. */
class MergeNetworksNodeModelTest {

    private static List<DataRow> rows(final BufferedDataTable t) {
        List<DataRow> out = new ArrayList<>();
        try (CloseableRowIterator it = t.iterator()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void mergesTheNetworksAtItsPortsAndListsThem() throws Exception {
        MergeNetworksNodeModel m = new MergeNetworksNodeModel();
        m.parameters().m_greedy = true;
        NodeHarness.apply(m);
        BufferedDataTable train = KnimeTables.mnistTrain(600);
        BufferedDataTable heldOut = KnimeTables.mnistTest(200);
        PortObjectSpec[] specs = NodeHarness.configure(m, null, train.getDataTableSpec(), heldOut.getDataTableSpec(),
            NodeFixtures.first().getSpec(), NodeFixtures.second().getSpec(), null, null);
        assertThat(((NetworkPortObjectSpec)specs[0]).description().network())
            .isEqualTo(NodeFixtures.first().getSpec().description().network());
        assertThat(specs[1]).isEqualTo(OutputTables.MERGE_MEMBERS);

        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), null, train, heldOut, NodeFixtures.first(),
            NodeFixtures.second(), null, null);
        Network merged = ((NetworkPortObject)out[0]).model();
        assertThat(merged.provenance().orElseThrow().operation()).isEqualTo(MergeSettings.OPERATION);
        List<DataRow> members = rows((BufferedDataTable)out[1]);
        assertThat(members).hasSize(2);
        assertThat(((StringValue)members.get(0).getCell(0)).getStringValue()).isEqualTo("network 1");
        assertThat(((StringValue)members.get(1).getCell(0)).getStringValue()).isEqualTo("network 2");
        // The greedy merge starts from the better network, so at least one is taken; the held-out errors are given.
        assertThat(members).anyMatch(r -> ((BooleanValue)r.getCell(1)).getBooleanValue());
        for (DataRow r : members) {
            assertThat(((DoubleValue)r.getCell(3)).getDoubleValue()).isBetween(0.0, 100.0);
        }
    }

    @Test
    void configureRefusesOneNetworkAndAGreedyMergeWithoutHeldOutData() throws Exception {
        BufferedDataTable train = KnimeTables.mnistTrain(600);
        MergeNetworksNodeModel one = new MergeNetworksNodeModel();
        NodeHarness.apply(one);
        assertThatThrownBy(() -> NodeHarness.configure(one, null, train.getDataTableSpec(), null,
            NodeFixtures.first().getSpec(), null, null, null)).hasMessageContaining("at least two networks");
        MergeNetworksNodeModel greedy = new MergeNetworksNodeModel();
        greedy.parameters().m_greedy = true;
        NodeHarness.apply(greedy);
        assertThatThrownBy(() -> NodeHarness.configure(greedy, null, train.getDataTableSpec(), null,
            NodeFixtures.first().getSpec(), NodeFixtures.second().getSpec(), null, null))
            .hasMessageContaining("held-out");
    }
}
