package org.modeconn.knime.planeslice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;

class PlaneSliceNodeModelTest {

    @Test
    void configureNeedsACurveOrThreeNetworks() throws Exception {
        PlaneSliceNodeModel m = new PlaneSliceNodeModel();
        assertThatThrownBy(() -> NodeHarness.configure(m, null, KnimeTables.mnistSpec(), null,
            NodeFixtures.first().getSpec(), NodeFixtures.second().getSpec(), null))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("2 network(s) and no curve")
            .hasMessageContaining("three networks");
        m.parameters().m_grid = 1;
        assertThatThrownBy(() -> NodeHarness.load(new PlaneSliceNodeModel(), NodeHarness.save(m)))
            .hasMessageContaining("grid of 1");
    }

    @Test
    void executeSlicesTheCurvesPlane() throws Exception {
        PlaneSliceNodeModel m = new PlaneSliceNodeModel();
        m.parameters().m_grid = 3;
        m.parameters().m_curvePoints = 5;
        NodeHarness.apply(m);
        NodeHarness.configure(m, NodeFixtures.curve().getSpec(), KnimeTables.mnistSpec(), null, null, null, null);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.curve(),
            KnimeTables.mnistTrain(300), KnimeTables.mnistTest(100), null, null, null);
        assertThat(((BufferedDataTable)out[0]).size()).isEqualTo(9);
        BufferedDataTable points = (BufferedDataTable)out[2];
        assertThat(points.size()).isEqualTo(3 + 5);
        CloseableRowIterator it = points.iterator();
        DataRow w1 = it.next();
        assertThat(((StringValue)w1.getCell(0)).getStringValue()).isEqualTo("w1");
        assertThat(((DoubleValue)w1.getCell(2)).getDoubleValue()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-4));
        it.close();
    }

    @Test
    void executeSlicesThePlaneOfThreeNetworks() throws Exception {
        PlaneSliceNodeModel m = new PlaneSliceNodeModel();
        m.parameters().m_grid = 2;
        NodeHarness.apply(m);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), null, KnimeTables.mnistTrain(200), null,
            NodeFixtures.first(), NodeFixtures.second(), org.modeconn.knime.NodeFixtures.midpoint());
        assertThat(((BufferedDataTable)out[0]).size()).isEqualTo(4);
        assertThat(((BufferedDataTable)out[2]).size()).isEqualTo(3);
    }

    @Test
    void randomDirectionsAroundTheFirstNetwork() throws Exception {
        PlaneSliceNodeModel m = new PlaneSliceNodeModel();
        m.parameters().m_plane = PlaneSliceNodeParameters.Plane.RANDOM_DIRECTIONS;
        m.parameters().m_grid = 3;
        m.parameters().m_reach = 0.5;
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, NodeFixtures.curve().getSpec(), KnimeTables.mnistSpec(),
            null, null, null, null)).hasMessageContaining("'First network'");
        NodeHarness.configure(m, NodeFixtures.curve().getSpec(), KnimeTables.mnistSpec(), null,
            NodeFixtures.first().getSpec(), null, null);
        assertThat(NodeHarness.warning(m)).contains("ignored");
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), null, KnimeTables.mnistTrain(200), null,
            NodeFixtures.first(), null, null);
        assertThat(((BufferedDataTable)out[0]).size()).isEqualTo(9);
        BufferedDataTable points = (BufferedDataTable)out[2];
        assertThat(points.size()).isEqualTo(1);
        try (CloseableRowIterator rows = points.iterator()) {
            DataRow centre = rows.next();
            assertThat(((StringValue)centre.getCell(0)).getStringValue()).isEqualTo("centre");
        }
        // Settings saved before the mode existed load as the plane through three points.
        NodeSettings old = NodeHarness.save(new PlaneSliceNodeModel());
        PlaneSliceNodeModel loaded = new PlaneSliceNodeModel();
        NodeHarness.load(loaded, old);
        assertThat(loaded.parameters().m_plane).isEqualTo(PlaneSliceNodeParameters.Plane.THROUGH_POINTS);
    }

    @Test
    void theLineBetweenTwoNetworksIsOneRowWithBothNetworksOnIt() throws Exception {
        PlaneSliceNodeModel m = new PlaneSliceNodeModel();
        m.parameters().m_plane = PlaneSliceNodeParameters.Plane.LINE_BETWEEN_NETWORKS;
        m.parameters().m_grid = 5;
        m.parameters().m_margin = 0;
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, null, KnimeTables.mnistSpec(), null,
            NodeFixtures.first().getSpec(), null, null)).hasMessageContaining("'Second network'");
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), null, KnimeTables.mnistTrain(200), null,
            NodeFixtures.first(), NodeFixtures.second(), null);
        BufferedDataTable grid = (BufferedDataTable)out[0];
        assertThat(grid.size()).isEqualTo(5);
        double first = Double.NaN;
        double last = Double.NaN;
        try (CloseableRowIterator rows = grid.iterator()) {
            while (rows.hasNext()) {
                DataRow r = rows.next();
                assertThat(((DoubleValue)r.getCell(3)).getDoubleValue()).as("y").isZero();
                last = ((DoubleValue)r.getCell(2)).getDoubleValue();
                first = Double.isNaN(first) ? last : first;
            }
        }
        // x is the distance from the first network: 0 at it, ‖b − a‖ at the second
        Network a = NodeFixtures.first().model();
        Network b = NodeFixtures.second().model();
        float[] wa = a.layout().trainable(a.parametersView());
        float[] wb = b.layout().trainable(b.parametersView());
        double distance = 0;
        for (int i = 0; i < wa.length; i++) {
            distance += ((double)wa[i] - wb[i]) * ((double)wa[i] - wb[i]);
        }
        assertThat(first).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(last).isCloseTo(Math.sqrt(distance), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(((BufferedDataTable)out[2]).size()).isEqualTo(2);
    }

    @Test
    void oneRandomDirectionThroughTheFirstNetwork() throws Exception {
        PlaneSliceNodeModel m = new PlaneSliceNodeModel();
        m.parameters().m_plane = PlaneSliceNodeParameters.Plane.RANDOM_DIRECTION_LINE;
        m.parameters().m_grid = 3;
        NodeHarness.apply(m);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), null, KnimeTables.mnistTrain(200), null,
            NodeFixtures.first(), null, null);
        assertThat(((BufferedDataTable)out[0]).size()).isEqualTo(3);
        assertThat(((BufferedDataTable)out[2]).size()).isEqualTo(1);
    }

    @Test
    void cancellation() throws Exception {
        PlaneSliceNodeModel m = new PlaneSliceNodeModel();
        ExecutionContext exec = new ExecutionContext();
        exec.subsetCancel();
        assertThatThrownBy(() -> NodeHarness.execute(m, exec, NodeFixtures.curve(), KnimeTables.mnistTrain(300), null,
            null, null, null)).isInstanceOf(CanceledExecutionException.class);
    }
}
