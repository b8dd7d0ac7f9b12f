package org.modeconn.knime.onnxreader;

import java.util.List;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeFactory.NodeType;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.NetworkPortObject;

/** ONNX Network Reader: a network trained elsewhere, from an ONNX file. */
public final class OnnxNetworkReaderNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<OnnxNetworkReaderNodeModel> NODE = new NodeDefinition<>(
        "ONNX Network Reader", "./onnx-network-reader.png",
        "Reads a classifier from an ONNX file as a network that trains, fits curves, runs FGE, aligns and predicts.",
        "<p>Reads a classifier exported by PyTorch (<tt>torch.onnx.export</tt>), by ONNX Network Writer, or by another "
            + "exporter as far as it uses the operators below (tf2onnx's NHWC graphs are not read yet), so that "
            + "curves and FGE start from a network trained elsewhere, as the paper's ImageNet experiment starts from a pretrained ResNet-50. Its spec is read from the file when the node "
            + "is configured.</p><p>Read are one input (features, or an image N×C×H×W of fixed size) and one output "
            + "from a final dense layer, optionally after Softmax; the operators Conv, BatchNormalization, Relu, "
            + "MaxPool, AveragePool, GlobalAveragePool, Gemm, MatMul with Add, Add, Flatten, Reshape, Dropout, "
            + "Identity, Constant, Pad, Shape, ReduceMean over height and width, and Sub/Mul/Div on the input "
            + "(opsets 9–21), with ceil_mode and count_include_pad either way for the pools, and the shape arithmetic "
            + "on constants by which exporters compute pads and shapes. Anything else is refused naming the "
            + "operator and the node. To keep BatchNorm as a layer (as the paper's networks have it), export from "
            + "PyTorch in evaluation mode with <tt>training=TrainingMode.PRESERVE</tt>; otherwise PyTorch folds it "
            + "into the convolutions.</p><p>The columns the network reads come from the file when ONNX Network "
            + "Writer wrote it; otherwise connect a table with them: every numeric column but the target, in "
            + "table order, or an image column.</p>",
        List.of(new NodePort("Table", "Optional: a table with the columns the network reads, for a file that does "
            + "not name them.", BufferedDataTable.TYPE_OPTIONAL)),
        List.of(new NodePort("Network", "The network, with its classes, scaling and the columns it reads.",
            NetworkPortObject.TYPE)),
        NodeType.Source, List.of("ONNX", "import", "PyTorch", "pretrained", "neural network"),
        OnnxNetworkReaderNodeParameters.class, OnnxNetworkReaderNodeModel::new);

    /** The factory KNIME instantiates. */
    public OnnxNetworkReaderNodeFactory() {
        super(NODE);
    }
}
