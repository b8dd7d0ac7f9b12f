package org.modeconn.knime.evaluatecurve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.image.ImagePortObject;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.sharpness.SharpnessAnalyzer;
import org.modeconn.engine.sharpness.SharpnessSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.table.OutputTables;

class EvaluateCurveNodeModelTest {

    @Test
    void settingsAreValidated() {
        EvaluateCurveNodeModel m = new EvaluateCurveNodeModel();
        m.parameters().m_points = 1;
        assertThatThrownBy(() -> NodeHarness.load(new EvaluateCurveNodeModel(), NodeHarness.save(m)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("between 2 and 10001");
    }

    @Test
    void executeProfilesCurveAndLineWithAPlot() throws Exception {
        EvaluateCurveNodeModel m = new EvaluateCurveNodeModel();
        m.parameters().m_points = 5;
        NodeHarness.apply(m);
        NodeHarness.configure(m, NodeFixtures.curve().getSpec(), KnimeTables.mnistSpec(), KnimeTables.mnistSpec());
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.curve(),
            KnimeTables.mnistTrain(300), KnimeTables.mnistTest(100));
        BufferedDataTable t = (BufferedDataTable)out[0];
        assertThat(t.size()).isEqualTo(10);
        List<String> paths = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        CloseableRowIterator it = t.iterator();
        while (it.hasNext()) {
            DataRow r = it.next();
            paths.add(((StringValue)r.getCell(0)).getStringValue());
            ts.add(((DoubleValue)r.getCell(1)).getDoubleValue());
            assertThat(((DoubleValue)r.getCell(5)).getDoubleValue()).isBetween(0.0, 100.0);
        }
        assertThat(paths).containsOnly("curve", "line");
        assertThat(ts.subList(0, 5)).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        byte[] png = ((PNGImageContent)((ImagePortObject)out[1]).subsetContent()).getByteArray();
        assertThat(png.length).isGreaterThan(1000);
        // Statistics: two paths × train and test loss and error; each mean lies between its extremes, and the
        // curve is at least as long as the straight line between the same ends.
        List<Double> lengths = new ArrayList<>();
        BufferedDataTable statistics = (BufferedDataTable)out[2];
        assertThat(statistics.size()).isEqualTo(8);
        try (var rows = statistics.iterator()) {
            while (rows.hasNext()) {
                DataRow r = rows.next();
                double min = ((DoubleValue)r.getCell(4)).getDoubleValue();
                double max = ((DoubleValue)r.getCell(5)).getDoubleValue();
                assertThat(((DoubleValue)r.getCell(6)).getDoubleValue()).isBetween(min, max);
                lengths.add(((DoubleValue)r.getCell(7)).getDoubleValue());
            }
        }
        assertThat(lengths.get(0)).isGreaterThanOrEqualTo(lengths.get(7) * (1 - 1e-9)).isPositive();

        m.parameters().m_includeLine = false;
        NodeHarness.apply(m);
        PortObject[] curveOnly = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.curve(),
            KnimeTables.mnistTrain(300), null);
        assertThat(((BufferedDataTable)curveOnly[0]).size()).isEqualTo(5);
    }

    @Test
    void theLineWithRepairIsAThirdPathWhoseEndsAreTheLines() throws Exception {
        EvaluateCurveNodeModel m = new EvaluateCurveNodeModel();
        m.parameters().m_points = 3;
        m.parameters().m_lineRepair = true;
        NodeHarness.apply(m);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.curve(),
            KnimeTables.mnistTrain(300), KnimeTables.mnistTest(100));
        BufferedDataTable t = (BufferedDataTable)out[0];
        assertThat(t.size()).isEqualTo(9);
        List<DataRow> rows = new ArrayList<>();
        try (CloseableRowIterator it = t.iterator()) {
            it.forEachRemaining(rows::add);
        }
        assertThat(((StringValue)rows.get(6).getCell(0)).getStringValue()).isEqualTo("line (REPAIR)");
        // At t = 0 and t = 1 REPAIR changes nothing: the line's figures there.
        for (int k : new int[] {0, 2}) {
            double line = ((DoubleValue)rows.get(3 + k).getCell(2)).getDoubleValue();
            double repaired = ((DoubleValue)rows.get(6 + k).getCell(2)).getDoubleValue();
            assertThat(repaired).isCloseTo(line, org.assertj.core.api.Assertions.within(1e-3));
        }
        assertThat(((BufferedDataTable)out[2]).size()).isEqualTo(12);
    }

    @Test
    void theSharpnessColumnGivesTheLargestEigenvalueAtEveryPointOfCurveAndLine() throws Exception {
        EvaluateCurveNodeModel m = new EvaluateCurveNodeModel();
        m.parameters().m_points = 3;
        m.parameters().m_sharpness = true;
        NodeHarness.apply(m);
        PortObjectSpec spec = NodeHarness.configure(m, NodeFixtures.curve().getSpec(), KnimeTables.mnistSpec(),
            null)[0];
        assertThat(spec).isEqualTo(OutputTables.PATH_WITH_SHARPNESS);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.curve(),
            KnimeTables.mnistTrain(300), null);
        BufferedDataTable t = (BufferedDataTable)out[0];
        int column = t.getDataTableSpec().findColumnIndex(OutputTables.LAMBDA_MAX);
        List<Double> lambdas = new ArrayList<>();
        try (CloseableRowIterator it = t.iterator()) {
            it.forEachRemaining(r -> lambdas.add(((DoubleValue)r.getCell(column)).getDoubleValue()));
        }
        assertThat(lambdas).hasSize(6).allMatch(v -> v > 0);
        // The curve and the line share their ends: the same network, the same seed, the same eigenvalue.
        assertThat(lambdas.get(3)).isEqualTo(lambdas.get(0));
        assertThat(lambdas.get(5)).isEqualTo(lambdas.get(2));
        Network midpoint = org.modeconn.engine.curve.CurvePoint.networkAt(NodeFixtures.curve().model(), 0.5, null);
        assertThat(lambdas.get(1)).isEqualTo(SharpnessAnalyzer.analyze(midpoint,
            org.modeconn.engine.data.EmbeddedMnist.train().head(300), SharpnessSettings.LARGEST_EIGENVALUE,
            TrainingMonitor.NONE).eigenvalues()[0]);
    }

    @Test
    void cancellation() throws Exception {
        EvaluateCurveNodeModel m = new EvaluateCurveNodeModel();
        ExecutionContext exec = new ExecutionContext();
        exec.subsetCancel();
        assertThatThrownBy(() -> NodeHarness.execute(m, exec, NodeFixtures.curve(), KnimeTables.mnistTrain(300), null))
            .isInstanceOf(CanceledExecutionException.class);
    }
}
