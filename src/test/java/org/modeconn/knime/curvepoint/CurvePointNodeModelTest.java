package org.modeconn.knime.curvepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;

class CurvePointNodeModelTest {

    @Test
    void tOutsideTheCurveIsRefused() {
        CurvePointNodeModel m = new CurvePointNodeModel();
        m.parameters().m_t = 1.5;
        assertThatThrownBy(() -> NodeHarness.load(new CurvePointNodeModel(), NodeHarness.save(m)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("t = 1.5")
            .hasMessageContaining("between 0 and 1");
    }

    @Test
    void theEndsOfTheCurveAreTheEndpoints() throws Exception {
        CurvePointNodeModel m = new CurvePointNodeModel();
        m.parameters().m_t = 1;
        NodeHarness.apply(m);
        PortObjectSpec[] specs = NodeHarness.configure(m, NodeFixtures.curve().getSpec(), null);
        assertThat(((NetworkPortObjectSpec)specs[0]).description().network())
            .isEqualTo(NodeFixtures.second().getSpec().description().network());
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.curve(), null);
        Network end = ((NetworkPortObject)out[0]).model();
        Network second = NodeFixtures.second().model();
        assertThat(end.layout().trainable(end.parametersView()))
            .containsExactly(second.layout().trainable(second.parametersView()));
        assertThat(end.provenance().orElseThrow().operation()).isEqualTo("curve-point");
    }
}
