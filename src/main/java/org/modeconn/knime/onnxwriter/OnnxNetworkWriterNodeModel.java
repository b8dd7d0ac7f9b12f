package org.modeconn.knime.onnxwriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import onnx.Onnx;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.onnx.OnnxWriter;
import org.modeconn.engine.record.Json;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.WorkflowPaths;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.InputColumns;
import org.modeconn.knime.ports.NetworkPortObject;

/**
 * ONNX Network Writer: a network, or a whole ensemble as one graph, as an ONNX file; the columns it reads are
 * stored with it, so that ONNX Network Reader gives back a network that finds them.
 */
final class OnnxNetworkWriterNodeModel extends ModeConnNodeModel<OnnxNetworkWriterNodeParameters> {

    OnnxNetworkWriterNodeModel() {
        super(OnnxNetworkWriterNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final OnnxNetworkWriterNodeParameters p)
        throws InvalidSettingsException {
        if ((in[0] == null) == (in[1] == null)) {
            throw NodeMessages.invalidSettings(in[0] == null ? "Neither a network nor an ensemble is connected."
                : "Both a network and an ensemble are connected; one file holds one of them.",
                "Connect either a network or an ensemble.");
        }
        Path file = WorkflowPaths.resolve(p.m_file, "ONNX file");
        if (!p.m_overwrite && Files.exists(file)) {
            setWarningMessage("The file " + file + " exists; executing will fail unless Overwrite is on.");
        }
        return new PortObjectSpec[0];
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final OnnxNetworkWriterNodeParameters p) throws Exception {
        Path file = WorkflowPaths.resolve(p.m_file, "ONNX file");
        if (!p.m_overwrite && Files.exists(file)) {
            throw new InvalidInputException("The file " + file + " exists and Overwrite is off; it is left as it is.",
                "Turn on Overwrite an existing file, or choose another path.");
        }
        exec.setMessage("Writing " + file.getFileName());
        Onnx.ModelProto model;
        if (in[0] != null) {
            NetworkPortObject n = (NetworkPortObject)in[0];
            model = OnnxWriter.network(n.model(), columns(n.getSpec().description().columns()));
        } else {
            EnsemblePortObject e = (EnsemblePortObject)in[1];
            model = OnnxWriter.ensemble(e.model(), columns(e.getSpec().description().columns()));
        }
        // beside the target, then moved over it: a failed write leaves the file as it was
        OnnxWriter.write(model, file);
        return new PortObject[0];
    }

    private static Map<String, String> columns(final InputColumns columns) throws IOException {
        return Map.of(InputColumns.ONNX_METADATA_KEY, Json.MAPPER.writeValueAsString(columns));
    }
}
