package org.modeconn.knime.trainendpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.ports.NetworkPortObject;

class TrainEndpointNodeModelTest {

    private static TrainEndpointNodeModel model(final String arch, final int epochs) throws InvalidSettingsException {
        TrainEndpointNodeModel m = new TrainEndpointNodeModel();
        TrainEndpointNodeParameters p = m.parameters();
        p.m_architecture = arch;
        p.m_epochs = epochs;
        p.m_sgd.m_batchSize = 32;
        NodeHarness.apply(m);
        return m;
    }

    @Test
    void settingsRoundTripKeepsEveryValue() throws Exception {
        TrainEndpointNodeModel m = new TrainEndpointNodeModel();
        TrainEndpointNodeParameters p = m.parameters();
        p.m_architecture = "mlpbn:64";
        p.m_epochs = 7;
        p.m_learningRate = 0.01;
        p.m_nesterov = true;
        p.m_scaling = TrainEndpointNodeParameters.Scaling.STANDARDIZE;
        p.m_seed = 42;
        p.m_stopAfterEpoch = 5;
        p.m_targetColumn = "label";
        p.m_featureColumns = new org.knime.node.parameters.widget.choices.filter.ColumnFilter(new String[] {"px1", "px2"});
        NodeSettings s = NodeHarness.save(m);
        TrainEndpointNodeModel other = new TrainEndpointNodeModel();
        NodeHarness.load(other, s);
        NodeSettings again = NodeHarness.save(other);
        TrainEndpointNodeParameters q = other.parameters();
        assertThat(q.m_architecture).isEqualTo("mlpbn:64");
        assertThat(q.m_epochs).isEqualTo(7);
        assertThat(q.m_learningRate).isEqualTo(0.01);
        assertThat(q.m_nesterov).isTrue();
        assertThat(q.m_scaling).isEqualTo(TrainEndpointNodeParameters.Scaling.STANDARDIZE);
        assertThat(q.m_seed).isEqualTo(42);
        assertThat(q.m_stopAfterEpoch).isEqualTo(5);
        assertThat(q.m_featureColumns).isEqualTo(p.m_featureColumns);
        assertThat(again.getString("architecture")).isEqualTo("mlpbn:64");
        assertThat(again.getString("scaling")).isEqualTo("STANDARDIZE");
    }

    @Test
    void invalidSettingsAreRefusedWithTheFix() throws Exception {
        TrainEndpointNodeModel m = new TrainEndpointNodeModel();
        m.parameters().m_architecture = "transformer:12";
        NodeSettings s = NodeHarness.save(m);
        assertThatThrownBy(() -> NodeHarness.load(new TrainEndpointNodeModel(), s))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("transformer:12");

        m.parameters().m_architecture = "mlp:16";
        m.parameters().m_stopAfterEpoch = 30;
        NodeSettings s2 = NodeHarness.save(m);
        assertThatThrownBy(() -> NodeHarness.load(new TrainEndpointNodeModel(), s2))
            .hasMessageContaining("Stop after epoch").hasMessageContaining("between 1 and 20");
    }

    @Test
    void configureChecksColumnsAndShape() throws Exception {
        TrainEndpointNodeModel m = model("mlp:16", 1);
        PortObjectSpec[] out = NodeHarness.configure(m, KnimeTables.mnistSpec(), null);
        assertThat(out[0]).isNull();
        assertThat(out[1]).isNotNull();

        DataTableSpec noClass = new DataTableSpec(new DataColumnSpecCreator("a", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("b", DoubleCell.TYPE).createSpec());
        assertThatThrownBy(() -> NodeHarness.configure(m, noClass, null))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("no string or integer column")
            .hasMessageContaining("Add a class column");

        DataTableSpec stringFeature = new DataTableSpec(new DataColumnSpecCreator("a", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("label", IntCell.TYPE).createSpec());
        m.parameters().m_featureColumns =
            new org.knime.node.parameters.widget.choices.filter.ColumnFilter(new String[] {"a"});
        assertThatThrownBy(() -> NodeHarness.configure(m, stringFeature, null))
            .hasMessageContaining("'a'").hasMessageContaining("not numeric");

        TrainEndpointNodeModel cnn = model("cnn", 1);
        assertThatThrownBy(() -> NodeHarness.configure(cnn, KnimeTables.mnistSpec(), null))
            .hasMessageContaining("image shape").hasMessageContaining("1x28x28");
        cnn.parameters().m_imageShape = "1x28x27";
        assertThatThrownBy(() -> NodeHarness.configure(cnn, KnimeTables.mnistSpec(), null))
            .hasMessageContaining("756 values but 784 feature columns");

        DataTableSpec otherTest = new DataTableSpec(new DataColumnSpecCreator("px0", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("label", IntCell.TYPE).createSpec());
        TrainEndpointNodeModel withTest = model("mlp:16", 1);
        assertThatThrownBy(() -> NodeHarness.configure(withTest, KnimeTables.mnistSpec(), otherTest))
            .hasMessageContaining("test table lacks 783 of the model's 784 feature columns");
    }

    @Test
    void aNewNodeSelectsTheNumericColumnsAndEverySelectionNamesTheColumnsItCannotUse() throws Exception {
        DataTableSpec mixed = new DataTableSpec(new DataColumnSpecCreator("px1", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("name", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("px2", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("label", IntCell.TYPE).createSpec());
        TrainEndpointNodeParameters fresh = NodeParametersUtil.createSettings(TrainEndpointNodeParameters.class,
            new PortObjectSpec[] {mixed, null});
        assertThat(fresh.m_featureColumns.filterFromFullSpec(mixed)).containsExactly("px1", "px2");
        assertThat(fresh.m_targetColumn).isEqualTo("label");

        // A freshly added node, with the selection it made itself.
        TrainEndpointNodeModel added = model("mlp:8", 1);
        added.parameters().m_featureColumns = fresh.m_featureColumns;
        added.parameters().m_targetColumn = fresh.m_targetColumn;
        NodeHarness.configure(added, mixed, null);
        assertThat(NodeHarness.warning(added)).as("a new node's own selection")
            .contains("Not used as features (not numeric): name").contains("Convert them to numbers");
        // No selection at all (a workflow saved so).
        TrainEndpointNodeModel none = model("mlp:8", 1);
        NodeHarness.configure(none, mixed, null);
        assertThat(NodeHarness.warning(none)).contains("Not used as features (not numeric): name");
        // A numeric column left out of a selection was chosen so: only the unusable one is named.
        TrainEndpointNodeModel chosen = model("mlp:8", 1);
        chosen.parameters().m_featureColumns =
            new org.knime.node.parameters.widget.choices.filter.ColumnFilter(new String[] {"px1"});
        NodeHarness.configure(chosen, mixed, null);
        assertThat(NodeHarness.warning(chosen)).contains("(not numeric): name.").doesNotContain("px2");
    }

    @Test
    void theTargetIsNeverAFeatureEvenWhenSelected() throws Exception {
        TrainEndpointNodeModel m = model("mlp:8", 1);
        m.parameters().m_featureColumns = new org.knime.node.parameters.widget.choices.filter.ColumnFilter(
            KnimeTables.mnistSpec().getColumnNames());
        NodeHarness.apply(m);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), KnimeTables.mnistTrain(100), null);
        assertThat(((NetworkPortObject)out[0]).getSpec().description().columns().features()).hasSize(784)
            .doesNotContain("label");
    }

    @Test
    void executeTrainsANetworkWithHistoryAndProvenance() throws Exception {
        TrainEndpointNodeModel m = model("mlp:32", 2);
        ExecutionContext exec = new ExecutionContext();
        PortObject[] out = NodeHarness.execute(m, exec, KnimeTables.mnistTrain(600), KnimeTables.mnistTest(200));
        NetworkPortObject net = (NetworkPortObject)out[0];
        BufferedDataTable history = (BufferedDataTable)out[1];
        assertThat(history.size()).isEqualTo(2);
        Network n = net.model();
        assertThat(n.spec().classNames()).hasSize(10).startsWith("0", "1", "2");
        assertThat(net.getSpec().description().columns().features()).hasSize(784).startsWith("px0");
        assertThat(net.getSpec().description().columns().target()).isEqualTo("label");
        assertThat(n.provenance().orElseThrow().backend()).contains("CPU");
        double finalTestError = n.provenance().orElseThrow().finalTest().errorPercent();
        assertThat(finalTestError).isBetween(0.0, 40.0);
        assertThat(exec.subsetMessage()).contains("Training: epoch 2");
        assertThat(net.getSummary()).contains("mlp").contains("10 classes");
    }

    @Test
    void stoppingEarlyKeepsTheMomentumForFge() throws Exception {
        TrainEndpointNodeModel m = model("mlp:16", 4);
        m.parameters().m_stopAfterEpoch = 2;
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), KnimeTables.mnistTrain(200), null);
        assertThat(((BufferedDataTable)out[1]).size()).isEqualTo(2);
        assertThat(((NetworkPortObject)out[0]).model().momentum()).isPresent();
    }

    @Test
    void missingValuesAreNamedByRow() throws Exception {
        TrainEndpointNodeModel m = model("mlp:8", 1);
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("x", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
        BufferedDataTable t = KnimeTables.of(spec, List.of(new DataCell[] {new DoubleCell(1), new StringCell("a")},
            new DataCell[] {DataType.getMissingCell(), new StringCell("b")}));
        assertThatThrownBy(() -> NodeHarness.execute(m, new ExecutionContext(), t, null))
            .isInstanceOf(KNIMEException.class).hasMessageContaining("Row 'Row1'").hasMessageContaining("'x'")
            .satisfies(e -> assertThat(((KNIMEException)e).getKNIMEMessage().getResolutions())
                .anyMatch(r -> r.contains("Missing Value")));
    }

    @Test
    void cancellationStopsTraining() throws Exception {
        TrainEndpointNodeModel m = model("mlp:16", 50);
        ExecutionContext exec = new ExecutionContext();
        exec.subsetCancel();
        assertThatThrownBy(() -> NodeHarness.execute(m, exec, KnimeTables.mnistTrain(300), null))
            .isInstanceOf(CanceledExecutionException.class);
    }

    @Test
    void divergenceKeepsTheLastGoodNetworkWithAWarning() throws Exception {
        // Two separable classes and a cyclical rate climbing to 500: the loss turns NaN in epoch 4.
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("x1", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("x2", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
        List<DataCell[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new DataCell[] {new DoubleCell(Double.parseDouble((i % 2 == 0 ? "0." : "5.") + i)),
                new DoubleCell(i % 2 == 0 ? 1 : 4), new StringCell(i % 2 == 0 ? "a" : "b")});
        }
        TrainEndpointNodeModel m = model("mlp:64", 20);
        m.parameters().m_sgd.m_batchSize = 8;
        m.parameters().m_schedule = "cyclic:20:0.01:500";
        NodeHarness.apply(m);
        PortObject[] out = NodeHarness.execute(m, new ExecutionContext(), KnimeTables.of(spec, rows), null);
        assertThat(NodeHarness.warning(m)).contains("epoch 4").contains("last complete epoch")
            .contains("Lower the learning rate");
        assertThat(((BufferedDataTable)out[1]).size()).isEqualTo(3);
        assertThat(((NetworkPortObject)out[0]).model().provenance().orElseThrow().epochsCompleted()).isEqualTo(3);
    }
}
