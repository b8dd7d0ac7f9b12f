package org.modeconn.knime.onnxwriter;

import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.modeconn.knime.node.WorkflowPaths;

/** The settings of ONNX Network Writer: where to write, and whether an existing file may be replaced. */
public final class OnnxNetworkWriterNodeParameters implements NodeParameters {

    @Widget(title = "ONNX file", description = "Where to write the model: " + WorkflowPaths.FORMS + ". Folders "
        + "that do not exist are created.")
    @Persist(configKey = "file")
    String m_file = "data/network.onnx";

    @Widget(title = "Overwrite an existing file", description = "Replace the file if it exists. Off: an existing "
        + "file is left as it is and the node fails, naming it.")
    @Persist(configKey = "overwrite")
    boolean m_overwrite;
}
