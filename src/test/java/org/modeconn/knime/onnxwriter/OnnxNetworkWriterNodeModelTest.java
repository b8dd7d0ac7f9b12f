package org.modeconn.knime.onnxwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.onnx.ImportOptions;
import org.modeconn.engine.onnx.OnnxReader;
import org.modeconn.engine.record.Json;
import org.modeconn.knime.NodeFixtures;
import org.modeconn.knime.node.NodeHarness;
import org.modeconn.knime.node.WorkflowFolder;
import org.modeconn.knime.ports.InputColumns;

/** ONNX Network Writer: a relative path lands in the workflow's folder, with the columns the network reads. */
class OnnxNetworkWriterNodeModelTest {

    @RegisterExtension
    final WorkflowFolder workflow = new WorkflowFolder();

    @Test
    void aNetworkIsWrittenBesideTheWorkflowWithItsColumns() throws Exception {
        OnnxNetworkWriterNodeModel m = new OnnxNetworkWriterNodeModel();
        NodeHarness.apply(m);

        NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(), null);

        Path file = workflow.path().resolve("data/network.onnx");
        byte[] bytes = Files.readAllBytes(file);
        Network read = OnnxReader.read(bytes, "network.onnx", ImportOptions.DEFAULTS);
        assertThat(read.parameters()).isEqualTo(NodeFixtures.first().model().parameters());
        assertThat(Json.MAPPER.readValue(OnnxReader.metadata(bytes, "network.onnx").get(InputColumns.ONNX_METADATA_KEY),
            InputColumns.class)).isEqualTo(NodeFixtures.mnistColumns());
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void anExistingFileIsKeptUnlessOverwriteIsOn() throws Exception {
        Path file = workflow.path().resolve("data/network.onnx");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "the user's file");
        OnnxNetworkWriterNodeModel m = new OnnxNetworkWriterNodeModel();
        NodeHarness.apply(m);

        NodeHarness.configure(m, NodeFixtures.first().getSpec(), null);
        assertThat(NodeHarness.warning(m)).contains("exists");
        assertThatThrownBy(() -> NodeHarness.execute(new OnnxNetworkWriterNodeModel(), new ExecutionContext(),
            NodeFixtures.first(), null)).hasMessageContaining("exists and Overwrite is off");
        assertThat(Files.readString(file)).isEqualTo("the user's file");

        m.parameters().m_overwrite = true;
        NodeHarness.execute(m, new ExecutionContext(), NodeFixtures.first(), null);
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    @Test
    void oneModelMustBeConnected() {
        assertThatThrownBy(() -> NodeHarness.configure(new OnnxNetworkWriterNodeModel(), null, null))
            .isInstanceOf(InvalidSettingsException.class).hasMessageContaining("Neither a network nor an ensemble");
    }
}
