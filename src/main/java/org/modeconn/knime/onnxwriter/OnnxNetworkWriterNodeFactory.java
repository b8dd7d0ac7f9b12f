package org.modeconn.knime.onnxwriter;

import java.util.List;
import org.knime.core.node.NodeFactory.NodeType;
import org.modeconn.engine.onnx.OnnxFormat;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.NetworkPortObject;

/** ONNX Network Writer: a network or a whole ensemble as a standard ONNX file. */
public final class OnnxNetworkWriterNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<OnnxNetworkWriterNodeModel> NODE = new NodeDefinition<>(
        "ONNX Network Writer", "./onnx-network-writer.png",
        "Writes a network or a whole ensemble as a standard ONNX file.",
        "<p>Writes a network (an endpoint, a curve point, an SWA network, an aligned network) or an ensemble (one "
            + "graph averaging its members' probabilities) as an ONNX model of opset " + OnnxFormat.OPSET + " that "
            + "ONNX Runtime, KNIME's ONNX nodes and PyTorch's tools run. Its input <tt>" + OnnxFormat.INPUT + "</tt> "
            + "takes the raw column values (images as N×C×H×W); the network's feature scaling is inside the model; "
            + "its output <tt>" + OnnxFormat.OUTPUT + "</tt> is the class probabilities. The class names, the "
            + "network's spec, its provenance and the columns it reads are stored in the model's metadata, so that "
            + "ONNX Network Reader gives the same network back.</p>",
        List.of(new NodePort("Network", "A network; connect either this or an ensemble.",
            NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Ensemble", "An ensemble; connect either this or a network.",
                EnsemblePortObject.TYPE_OPTIONAL)),
        List.of(), NodeType.Sink, List.of("ONNX", "export", "neural network", "ensemble"),
        OnnxNetworkWriterNodeParameters.class, OnnxNetworkWriterNodeModel::new);

    /** The factory KNIME instantiates. */
    public OnnxNetworkWriterNodeFactory() {
        super(NODE);
    }
}
