package org.modeconn.knime.predictor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;

class EnsemblePredictorNodeModelTest {

    @Test
    void configureWantsExactlyOneModel() throws Exception {
        EnsemblePredictorNodeModel m = new EnsemblePredictorNodeModel();
        assertThatThrownBy(() -> NodeHarness.configure(m, null, null, KnimeTables.mnistSpec()))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("No model is connected");
        PortObjectSpec[] out = NodeHarness.configure(m, NodeFixtures.first().getSpec(), null, KnimeTables.mnistSpec());
        DataTableSpec spec = (DataTableSpec)out[0];
        assertThat(spec.getNumColumns()).isEqualTo(785 + 10 + 1);
        assertThat(spec.getColumnSpec(785).getName()).isEqualTo("P (0)");
        assertThat(spec.getColumnSpec(795).getName()).isEqualTo("Prediction");
    }

    @Test
    void predictionsAreProbabilitiesAndMostlyRight() throws Exception {
        EnsemblePredictorNodeModel m = new EnsemblePredictorNodeModel();
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(), null,
            KnimeTables.mnistTest(200));
        BufferedDataTable t = (BufferedDataTable)out[0];
        assertThat(t.size()).isEqualTo(200);
        int right = 0;
        CloseableRowIterator it = t.iterator();
        while (it.hasNext()) {
            DataRow r = it.next();
            double sum = 0;
            for (int j = 785; j < 795; j++) {
                sum += ((DoubleValue)r.getCell(j)).getDoubleValue();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            String predicted = ((StringValue)r.getCell(795)).getStringValue();
            right += predicted.equals(Integer.toString(((IntValue)r.getCell(0)).getIntValue())) ? 1 : 0;
        }
        it.close();
        assertThat(right).isGreaterThan(100);
    }

    @Test
    void anEnsemblePredictsTheMeanOfItsMembers() throws Exception {
        org.modeconn.engine.network.Network a = NodeFixtures.first().model();
        org.modeconn.engine.network.Network b = NodeFixtures.second().model();
        org.modeconn.engine.ensemble.EnsembleModel e = new org.modeconn.engine.ensemble.EnsembleModel(a.spec(),
            a.scaling(), "ind", java.util.List.of(a.parametersView(), b.parametersView()), null);
        org.modeconn.knime.ports.EnsemblePortObject ens = org.modeconn.knime.ports.EnsemblePortObject.create(e,
            NodeFixtures.mnistColumns(), new ExecutionContext());
        BufferedDataTable test = KnimeTables.mnistTest(20);
        BufferedDataTable byEnsemble = (BufferedDataTable)NodeHarness.execute(new EnsemblePredictorNodeModel(),
            new ExecutionContext(), null, ens, test)[0];
        BufferedDataTable byA = (BufferedDataTable)NodeHarness.execute(new EnsemblePredictorNodeModel(),
            new ExecutionContext(), NodeFixtures.first(), null, test)[0];
        BufferedDataTable byB = (BufferedDataTable)NodeHarness.execute(new EnsemblePredictorNodeModel(),
            new ExecutionContext(), NodeFixtures.second(), null, test)[0];
        CloseableRowIterator ie = byEnsemble.iterator();
        CloseableRowIterator ia = byA.iterator();
        CloseableRowIterator ib = byB.iterator();
        while (ie.hasNext()) {
            DataRow re = ie.next();
            DataRow ra = ia.next();
            DataRow rb = ib.next();
            for (int j = 785; j < 795; j++) {
                double mean = (((DoubleValue)ra.getCell(j)).getDoubleValue() + ((DoubleValue)rb.getCell(j)).getDoubleValue()) / 2;
                assertThat(((DoubleValue)re.getCell(j)).getDoubleValue()).isCloseTo(mean,
                    org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
