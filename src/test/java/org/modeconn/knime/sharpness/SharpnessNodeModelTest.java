package org.modeconn.knime.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.modeconn.engine.sharpness.Sharpness;
import org.modeconn.engine.sharpness.SharpnessAnalyzer;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;

/** Sharpness as a node: the engine's figures in its table, one row per t of a curve, and what configure refuses. */
class SharpnessNodeModelTest {

    private static List<DataRow> rows(final BufferedDataTable t) {
        List<DataRow> out = new ArrayList<>();
        try (CloseableRowIterator it = t.iterator()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    private static double value(final DataRow r, final DataTableSpec spec, final String column) {
        return ((DoubleValue)r.getCell(spec.findColumnIndex(column))).getDoubleValue();
    }

    @Test
    void aNetworksRowHoldsTheEnginesFigures() throws Exception {
        SharpnessNodeModel m = new SharpnessNodeModel();
        m.parameters().m_top = 2;
        m.parameters().m_traceSamples = 4;
        m.parameters().m_batches = 2;
        m.parameters().m_lanczosSteps = 12;
        NodeHarness.apply(m);
        BufferedDataTable train = KnimeTables.mnistTrain(600);
        DataTableSpec spec = (DataTableSpec)NodeHarness.configure(m, NodeFixtures.first().getSpec(), null,
            train.getDataTableSpec())[0];
        assertThat(spec.findColumnIndex("lambda_2")).isPositive();
        assertThat(spec.findColumnIndex("lambda_3")).isNegative();
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(), null, train);
        List<DataRow> rows = rows((BufferedDataTable)out[0]);
        assertThat(rows).hasSize(1);
        Sharpness engine = SharpnessAnalyzer.analyze(NodeFixtures.first().model(),
            org.modeconn.engine.data.EmbeddedMnist.train().head(600), m.parameters().settings(),
            org.modeconn.engine.train.TrainingMonitor.NONE);
        assertThat(value(rows.get(0), spec, "lambda_1")).isCloseTo(engine.eigenvalues()[0], within(1e-9));
        assertThat(value(rows.get(0), spec, "lambda_2")).isLessThanOrEqualTo(value(rows.get(0), spec, "lambda_1"));
        assertThat(value(rows.get(0), spec, "trace")).isCloseTo(engine.trace(), within(1e-9));
        assertThat(rows.get(0).getCell(0).isMissing()).as("t of a network").isTrue();
    }

    @Test
    void aCurveGivesOneRowPerT() throws Exception {
        SharpnessNodeModel m = new SharpnessNodeModel();
        m.parameters().m_top = 1;
        m.parameters().m_traceSamples = 0;
        m.parameters().m_batches = 1;
        m.parameters().m_lanczosSteps = 6;
        m.parameters().m_points = 3;
        NodeHarness.apply(m);
        BufferedDataTable train = KnimeTables.mnistTrain(600);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), null, NodeFixtures.curve(), train);
        BufferedDataTable t = (BufferedDataTable)out[0];
        List<DataRow> rows = rows(t);
        assertThat(rows).hasSize(3);
        assertThat(value(rows.get(1), t.getDataTableSpec(), "t")).isEqualTo(0.5);
        assertThat(rows.get(0).getCell(t.getDataTableSpec().findColumnIndex("trace")).isMissing()).isTrue();
    }

    @Test
    void configureWantsExactlyOneOfNetworkAndCurve() throws Exception {
        SharpnessNodeModel m = new SharpnessNodeModel();
        NodeHarness.apply(m);
        DataTableSpec train = KnimeTables.mnistSpec();
        assertThatThrownBy(() -> NodeHarness.configure(m, null, null, train)).hasMessageContaining("Neither");
        assertThatThrownBy(() -> NodeHarness.configure(m, NodeFixtures.first().getSpec(),
            NodeFixtures.curve().getSpec(), train)).hasMessageContaining("Both");
    }
}
