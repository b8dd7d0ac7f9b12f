package org.modeconn.knime.fitcurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.curve.CurveFitRun;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.record.Fingerprint;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.CurvePortObjectSpec;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObjectSpec;

class FitCurveNodeModelTest {

    @Test
    void settingsRoundTripAndValidation() throws Exception {
        FitCurveNodeModel m = new FitCurveNodeModel();
        m.parameters().m_curveType = FitCurveNodeParameters.Family.POLYCHAIN;
        m.parameters().m_bends = 5;
        m.parameters().m_fixEnds = false;
        m.parameters().m_seed = 9;
        NodeSettings s = NodeHarness.save(m);
        FitCurveNodeModel other = new FitCurveNodeModel();
        NodeHarness.load(other, s);
        assertThat(other.parameters().m_curveType).isEqualTo(FitCurveNodeParameters.Family.POLYCHAIN);
        assertThat(other.parameters().m_bends).isEqualTo(5);
        assertThat(other.parameters().m_fixEnds).isFalse();
        assertThat(other.parameters().m_seed).isEqualTo(9);

        m.parameters().m_bends = 2;
        m.parameters().m_fixEnds = true;
        NodeSettings line = NodeHarness.save(m);
        assertThatThrownBy(() -> NodeHarness.load(new FitCurveNodeModel(), line))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("straight line")
            .hasMessageContaining("3 or more bends");
    }

    @Test
    void configureRefusesEndpointsOfDifferentArchitectures() throws Exception {
        FitCurveNodeModel m = new FitCurveNodeModel();
        NetworkPortObjectSpec a = NodeFixtures.first().getSpec();
        ModelDescription d = a.description();
        NetworkPortObjectSpec wider = new NetworkPortObjectSpec(new ModelDescription(d.kind(),
            new org.modeconn.engine.network.NetworkSpec(ArchitectureParser.parse("mlp:32"), 784, null,
                d.network().classNames()), 0, d.columns(), null, null, null));
        assertThatThrownBy(() -> NodeHarness.configure(m, a, wider, KnimeTables.mnistSpec()))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("different architectures")
            .hasMessageContaining("mlp:16").hasMessageContaining("mlp:32");

        PortObjectSpec[] out = NodeHarness.configure(m, a, NodeFixtures.second().getSpec(), KnimeTables.mnistSpec());
        assertThat(((CurvePortObjectSpec)out[0]).description().curve().type()).isEqualTo(CurveType.BEZIER);

        org.knime.core.data.DataTableSpec fewer = new org.knime.core.data.DataTableSpec(
            new org.knime.core.data.DataColumnSpecCreator("label", org.knime.core.data.def.IntCell.TYPE).createSpec());
        assertThatThrownBy(() -> NodeHarness.configure(m, a, NodeFixtures.second().getSpec(), fewer))
            .hasMessageContaining("lacks 784 of the model's 784 feature columns");
    }

    @Test
    void executeFitsACurveThroughTheEnds() throws Exception {
        FitCurveNodeModel m = new FitCurveNodeModel();
        m.parameters().m_epochs = 1;
        m.parameters().m_sgd.m_batchSize = 32;
        NodeHarness.apply(m);
        ExecutionContext exec = new ExecutionContext();
        PortObject[] out = NodeHarness.execute(m, exec, NodeFixtures.first(), NodeFixtures.second(),
            KnimeTables.mnistTrain(300));
        CurveModel c = ((CurvePortObject)out[0]).model();
        assertThat(c.bendCount()).isEqualTo(3);
        assertThat(c.pointAt(0)).containsExactly(NodeFixtures.first().model().layout()
            .withoutStatistics(NodeFixtures.first().model().parametersView()));
        assertThat(((BufferedDataTable)out[1]).size()).isEqualTo(1);
        assertThat(exec.subsetMessage()).startsWith("Fitting the curve: epoch 1");
        // The provenance holds the fit's settings, read back as they were given, and which networks it joins.
        CurveFitRun run = c.provenance().orElseThrow().settings(CurveFitRun.class).orElseThrow();
        assertThat(run.fit()).isEqualTo(m.parameters().fitSettings());
        assertThat(run.startWeightsSha256())
            .isEqualTo(Fingerprint.sha256(NodeFixtures.first().model().parametersView()));
    }

    @Test
    void cancellation() throws Exception {
        FitCurveNodeModel m = new FitCurveNodeModel();
        ExecutionContext exec = new ExecutionContext();
        exec.subsetCancel();
        assertThatThrownBy(() -> NodeHarness.execute(m, exec, NodeFixtures.first(), NodeFixtures.second(),
            KnimeTables.mnistTrain(300))).isInstanceOf(CanceledExecutionException.class);
    }
}
