package org.modeconn.knime.fge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.sharpness.SharpnessAnalyzer;
import org.modeconn.engine.sharpness.SharpnessSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.table.OutputTables;

class FgeEnsembleNodeModelTest {

    @Test
    void settingsRoundTripAndValidation() throws Exception {
        FgeEnsembleNodeModel m = new FgeEnsembleNodeModel();
        m.parameters().m_cycleUnit = FgeEnsembleNodeParameters.CycleUnit.ITERATIONS;
        m.parameters().m_cycleLength = 16;
        FgeEnsembleNodeModel other = new FgeEnsembleNodeModel();
        NodeHarness.load(other, NodeHarness.save(m));
        assertThat(other.parameters().m_cycleUnit).isEqualTo(FgeEnsembleNodeParameters.CycleUnit.ITERATIONS);
        assertThat(other.parameters().m_cycleLength).isEqualTo(16);

        m.parameters().m_cycleUnit = FgeEnsembleNodeParameters.CycleUnit.EPOCHS;
        m.parameters().m_cycleLength = 6;
        assertThatThrownBy(() -> NodeHarness.load(new FgeEnsembleNodeModel(), NodeHarness.save(m)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("longer than the 4 epochs");

        m.parameters().m_cycleLength = 2;
        m.parameters().m_sgd.m_momentum = 1.2;
        assertThatThrownBy(() -> NodeHarness.load(new FgeEnsembleNodeModel(), NodeHarness.save(m)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("momentum 1.2")
            .hasMessageContaining("[0, 1)");
        m.parameters().m_sgd.m_momentum = 0.9;
        m.parameters().m_sgd.m_weightDecay = -1;
        assertThatThrownBy(() -> NodeHarness.load(new FgeEnsembleNodeModel(), NodeHarness.save(m)))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("weight decay -1");
    }

    /** FGE with a cycle of 4 iterations and batches of 32. */
    private static FgeEnsembleNodeModel cycleOfFour(final int epochs) {
        FgeEnsembleNodeModel m = new FgeEnsembleNodeModel();
        m.parameters().m_cycleUnit = FgeEnsembleNodeParameters.CycleUnit.ITERATIONS;
        m.parameters().m_cycleLength = 4;
        m.parameters().m_epochs = epochs;
        m.parameters().m_sgd.m_batchSize = 32;
        return m;
    }

    @Test
    void executeBuildsAnEnsembleOfSnapshots() throws Exception {
        FgeEnsembleNodeModel m = cycleOfFour(1);
        NodeHarness.apply(m);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(),
            KnimeTables.mnistTrain(300), KnimeTables.mnistTest(100));
        EnsemblePortObject e = (EnsemblePortObject)out[0];
        BufferedDataTable snapshots = (BufferedDataTable)out[1];
        // 300 rows / 32 = 10 batches, a cycle of 4 iterations: snapshots at iterations 2 and 6 (and 10 when whole).
        assertThat(e.model().size()).isEqualTo((int)snapshots.size()).isBetween(2, 3);
        assertThat(e.getSpec().description().ensemble().members()).isEqualTo(e.model().size());
        // The fourth output: the snapshots' mean weights as one network of the same architecture and columns.
        NetworkPortObject swa = (NetworkPortObject)out[3];
        assertThat(swa.getSpec().description().network()).isEqualTo(e.getSpec().description().network());
        assertThat(swa.getSpec().description().columns()).isEqualTo(e.getSpec().description().columns());
        assertThat(e.getSpec().description().ensemble().method()).isEqualTo("fge");
    }

    @Test
    void theSharpnessColumnGivesEachSnapshotsLargestEigenvalue() throws Exception {
        FgeEnsembleNodeModel m = cycleOfFour(1);
        m.parameters().m_sharpness = true;
        NodeHarness.apply(m);
        assertThat(NodeHarness.configure(m, NodeFixtures.first().getSpec(), KnimeTables.mnistSpec(), null)[1])
            .isEqualTo(OutputTables.SNAPSHOTS_WITH_SHARPNESS);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(),
            KnimeTables.mnistTrain(300), null);
        EnsemblePortObject e = (EnsemblePortObject)out[0];
        BufferedDataTable snapshots = (BufferedDataTable)out[1];
        int column = snapshots.getDataTableSpec().findColumnIndex(OutputTables.LAMBDA_MAX);
        List<Double> lambdas = new ArrayList<>();
        try (var it = snapshots.iterator()) {
            it.forEachRemaining(r -> lambdas.add(((DoubleValue)r.getCell(column)).getDoubleValue()));
        }
        assertThat(lambdas).hasSize(e.model().size());
        for (int i = 0; i < lambdas.size(); i++) {
            assertThat(lambdas.get(i)).as("snapshot " + (i + 1)).isPositive().isEqualTo(
                SharpnessAnalyzer.analyze(e.model().member(i),
                    EmbeddedMnist.train().head(300),
                    SharpnessSettings.LARGEST_EIGENVALUE,
                    TrainingMonitor.NONE).eigenvalues()[0]);
        }
    }

    @Test
    void divergenceKeepsTheSnapshotsTakenBeforeWithAWarning() throws Exception {
        FgeEnsembleNodeModel m = cycleOfFour(3);
        // The cycle's middle (α2) gives a snapshot; its ends at α1 = 1e10 make the weights overflow soon after.
        m.parameters().m_lrStart = 1e10;
        m.parameters().m_lrEnd = 0.01;
        NodeHarness.apply(m);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(),
            KnimeTables.mnistTrain(200), KnimeTables.mnistTest(100));
        EnsemblePortObject e = (EnsemblePortObject)out[0];
        assertThat(e.model().size()).isPositive().isEqualTo((int)((BufferedDataTable)out[1]).size());
        assertThat(NodeHarness.warning(m)).contains("diverged").contains("snapshots taken before")
            .contains("Lower the learning rate");
        assertThat(out[2]).as("the plot of the run so far").isNotNull();
    }

    @Test
    void cancellation() throws Exception {
        FgeEnsembleNodeModel m = new FgeEnsembleNodeModel();
        ExecutionContext exec = new ExecutionContext();
        exec.subsetCancel();
        assertThatThrownBy(() -> NodeHarness.execute(m, exec, NodeFixtures.first(), KnimeTables.mnistTrain(300), null))
            .isInstanceOf(CanceledExecutionException.class);
    }
}
