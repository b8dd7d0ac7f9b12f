package org.modeconn.knime.alignnetworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.OutputTables;

/** Align Networks on two small MNIST MLPs: the same predictions, closer weights, its table and its settings. */
class AlignNetworksNodeModelTest {

    @Test
    void theAlignedNetworkPredictsWhatTheSecondPredictsAndLiesCloserToTheFirst() throws Exception {
        AlignNetworksNodeModel m = new AlignNetworksNodeModel();
        NodeHarness.apply(m);
        PortObjectSpec[] specs = NodeHarness.configure(m, NodeFixtures.first().getSpec(),
            NodeFixtures.second().getSpec());
        assertThat(((NetworkPortObjectSpec)specs[0]).description().network())
            .isEqualTo(NodeFixtures.second().getSpec().description().network());
        assertThat(specs[1]).isEqualTo(OutputTables.ALIGNMENT);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(), NodeFixtures.second());
        Network aligned = ((NetworkPortObject)out[0]).model();
        Network second = NodeFixtures.second().model();
        var data = EmbeddedMnist.test().head(300);
        float[] ofSecond = Predictor.predict(second, data).probabilities();
        float[] ofAligned = Predictor.predict(aligned, data).probabilities();
        for (int i = 0; i < ofSecond.length; i++) {
            assertThat(ofAligned[i]).isCloseTo(ofSecond[i], within(1e-5f));
        }
        assertThat(aligned.provenance().orElseThrow().operation()).isEqualTo("align-networks");
        // second's training is kept: its history and figures describe the same function
        assertThat(aligned.provenance().orElseThrow().history())
            .isEqualTo(second.provenance().orElseThrow().history());
        BufferedDataTable table = (BufferedDataTable)out[1];
        DataTableSpec spec = table.getDataTableSpec();
        assertThat(spec).isEqualTo(OutputTables.ALIGNMENT);
        int rows = 0;
        double before = 0;
        double after = 0;
        CloseableRowIterator it = table.iterator();
        while (it.hasNext()) {
            DataRow r = it.next();
            rows++;
            before += Math.pow(((DoubleValue)r.getCell(spec.findColumnIndex("distance_before"))).getDoubleValue(), 2);
            after += Math.pow(((DoubleValue)r.getCell(spec.findColumnIndex("distance_after"))).getDoubleValue(), 2);
            assertThat(((StringValue)r.getCell(2)).getStringValue()).isIn("P1", "fixed");
        }
        it.close();
        // mlp:16: the hidden layer and the classifier
        assertThat(rows).isEqualTo(2);
        assertThat(after).isLessThan(before);
    }

    @Test
    void measuresTheLineBeforeAndAfterAlignmentAndWithRepair() throws Exception {
        AlignNetworksNodeModel m = new AlignNetworksNodeModel();
        m.parameters().m_measureLines = true;
        m.parameters().m_repair = true;
        m.parameters().m_points = 5;
        NodeHarness.apply(m);
        assertThat(NodeHarness.configure(m, NodeFixtures.first().getSpec(), NodeFixtures.second().getSpec(),
            KnimeTables.mnistSpec(), KnimeTables.mnistSpec())[2]).isEqualTo(OutputTables.PATH);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(), NodeFixtures.second(),
            KnimeTables.mnistTrain(300), KnimeTables.mnistTest(100));
        List<DataRow> rows = new ArrayList<>();
        try (CloseableRowIterator it = ((BufferedDataTable)out[2]).iterator()) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(15);
        assertThat(rows.stream().map(r -> ((StringValue)r.getCell(0)).getStringValue()).distinct())
            .containsExactly("line", "aligned line", "aligned line (REPAIR)");
        // At t = 0 all three are the reference; at t = 1 the aligned lines end at the same function as the line.
        for (int k : new int[] {0, 4}) {
            double line = ((DoubleValue)rows.get(k).getCell(2)).getDoubleValue();
            assertThat(((DoubleValue)rows.get(5 + k).getCell(2)).getDoubleValue()).isCloseTo(line, within(1e-4));
            assertThat(((DoubleValue)rows.get(10 + k).getCell(2)).getDoubleValue()).isCloseTo(line, within(1e-3));
        }
        double lineMid = ((DoubleValue)rows.get(2).getCell(2)).getDoubleValue();
        double alignedMid = ((DoubleValue)rows.get(7).getCell(2)).getDoubleValue();
        assertThat(alignedMid).isLessThan(lineMid);
    }

    @Test
    void measuringTheLinesWithoutTheTrainingTableIsRefusedAtConfigure() throws Exception {
        AlignNetworksNodeModel m = new AlignNetworksNodeModel();
        m.parameters().m_measureLines = true;
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, NodeFixtures.first().getSpec(),
            NodeFixtures.second().getSpec(), null, null)).hasMessageContaining("needs the training table");
    }

    @Test
    void networksOfDifferentArchitecturesAreRefusedAtConfigure() throws Exception {
        Network first = NodeFixtures.first().model();
        NetworkSpec wider = new NetworkSpec(ArchitectureParser.parse("mlp:24"), first.spec().inputFeatures(), null,
            first.spec().classNames(), first.spec().featureNames());
        Network other = new Network(wider, first.scaling(), ParameterLayouts.layoutOf(wider).initialise(1), null, null);
        NetworkPortObject port = NetworkPortObject.create(other, NodeFixtures.mnistColumns(), new ExecutionContext());
        AlignNetworksNodeModel m = new AlignNetworksNodeModel();
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, NodeFixtures.first().getSpec(), port.getSpec()))
            .hasMessageContaining("different architectures").hasMessageContaining("mlp:24");
    }

    @Test
    void tooFewSweepsAreRefused() {
        AlignNetworksNodeModel m = new AlignNetworksNodeModel();
        m.parameters().m_maxSweeps = 0;
        assertThatThrownBy(() -> NodeHarness.load(new AlignNetworksNodeModel(), NodeHarness.save(m)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("0 sweeps")
            .hasMessageContaining("from 1 to");
    }
}
