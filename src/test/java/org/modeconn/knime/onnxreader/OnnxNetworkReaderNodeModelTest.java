package org.modeconn.knime.onnxreader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.onnx.OnnxWriter;
import org.modeconn.engine.record.Json;
import org.modeconn.knime.KnimeTables;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.node.WorkflowFolder;
import org.modeconn.knime.ports.InputColumns;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;

/** ONNX Network Reader: the spec at configure time, the same network at execution, bad input named. */
class OnnxNetworkReaderNodeModelTest {

    @RegisterExtension
    final WorkflowFolder workflow = new WorkflowFolder();

    private Path write(final String name, final Onnx.ModelProto model) throws Exception {
        Path file = workflow.path().resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, model.toByteArray());
        return file;
    }

    @Test
    void aFileWithItsColumnsReadsBackAsTheSameNetworkKnownAtConfigure() throws Exception {
        Network original = NodeFixtures.first().model();
        write("data/m.onnx", OnnxWriter.network(original, Map.of(InputColumns.ONNX_METADATA_KEY,
            Json.MAPPER.writeValueAsString(NodeFixtures.mnistColumns()))));
        OnnxNetworkReaderNodeModel m = new OnnxNetworkReaderNodeModel();
        m.parameters().m_file = "data/m.onnx";
        NodeHarness.apply(m);

        NetworkPortObjectSpec spec = (NetworkPortObjectSpec)NodeHarness.configure(m, (org.knime.core.node.port.PortObjectSpec)null)[0];
        NetworkPortObject out = (NetworkPortObject)NodeHarness.execute(m, new ExecutionContext(), (org.knime.core.node.port.PortObject)null)[0];

        assertThat(spec.description().columns()).isEqualTo(NodeFixtures.mnistColumns());
        assertThat(spec.description().network().classNames()).isEqualTo(original.spec().classNames());
        assertThat(out.model().parameters()).isEqualTo(original.parameters());
        var data = EmbeddedMnist.test().head(50);
        assertThat(Predictor.predict(out.model(), data).probabilities())
            .isEqualTo(Predictor.predict(original, data).probabilities());
    }

    @Test
    void aFileWithoutColumnsTakesThemFromTheTableOrSaysToConnectOne() throws Exception {
        write("m.onnx", OnnxWriter.network(NodeFixtures.first().model()));
        OnnxNetworkReaderNodeModel m = new OnnxNetworkReaderNodeModel();
        m.parameters().m_file = "m.onnx";
        NodeHarness.apply(m);

        assertThatThrownBy(() -> NodeHarness.configure(m, (org.knime.core.node.port.PortObjectSpec)null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("does not name the table columns");
        NetworkPortObjectSpec spec = (NetworkPortObjectSpec)NodeHarness.configure(m, KnimeTables.mnistSpec())[0];
        assertThat(spec.description().columns()).isEqualTo(NodeFixtures.mnistColumns());
    }

    @Test
    void aMissingFileAndAFileThatIsNotOnnxAreNamed() throws Exception {
        OnnxNetworkReaderNodeModel m = new OnnxNetworkReaderNodeModel();
        m.parameters().m_file = "nowhere/m.onnx";
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, (org.knime.core.node.port.PortObjectSpec)null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("does not exist").hasMessageContaining("nowhere");

        Files.writeString(workflow.path().resolve("table.onnx"), "a,b\n1,2\n");
        m.parameters().m_file = "table.onnx";
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, (org.knime.core.node.port.PortObjectSpec)null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("is not an ONNX model");

        m.parameters().m_file = "";
        NodeHarness.apply(m);
        assertThatThrownBy(() -> NodeHarness.configure(m, (org.knime.core.node.port.PortObjectSpec)null)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("No ONNX file is given");
    }

    @Test
    void aTableWhoseColumnsDoNotMatchTheModelIsRefused() throws Exception {
        write("m.onnx", OnnxWriter.network(NodeFixtures.first().model()));
        OnnxNetworkReaderNodeModel m = new OnnxNetworkReaderNodeModel();
        m.parameters().m_file = "m.onnx";
        m.parameters().m_imageColumn = "";
        NodeHarness.apply(m);
        var spec = KnimeTables.mnistSpec();
        var fewer = new org.knime.core.data.DataTableSpec(java.util.stream.IntStream.range(0, spec.getNumColumns())
            .filter(i -> i != 5).mapToObj(spec::getColumnSpec).toArray(org.knime.core.data.DataColumnSpec[]::new));

        assertThatThrownBy(() -> NodeHarness.configure(m, fewer)).isInstanceOf(InvalidSettingsException.class)
            .hasMessageContaining("takes 784 input values, but 783 feature columns");
    }
}
