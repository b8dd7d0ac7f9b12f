package org.modeconn.engine.network.kernels;

import java.util.List;
import org.bytedeco.dnnl.dnnl_stream;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.PoolWindow;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Chooses the kernel of each kind of operation for one node: oneDNN's where it runs, libnd4j's operations
 * otherwise; a ReLU after a BatchNorm it alone reads is fused into it.
 */
record NodeKernelFactory(LayerNode node, NetworkLayers layers, ParameterLayout layout, INDArray params,
        INDArray grads, long seed, dnnl_stream stream, boolean directConvolution) implements LayerOp.Visitor<NodeKernel> {

    private ParameterViews views() {
        return new ParameterViews(layout, node.name(), params, grads);
    }

    /** Whether node {@code index} is a BatchNorm whose one reader is this ReLU (oneDNN fuses the two). */
    private boolean fusesInto(int index) {
        return index >= 0 && stream != null && layers.nodes().get(index).op() instanceof LayerOp.BatchNorm
            && layers.consumersOf(index).size() == 1;
    }

    private boolean fusedWithRelu() {
        List<LayerNode> readers = layers.consumersOf(node.index());
        return stream != null && readers.size() == 1 && readers.get(0).op() instanceof LayerOp.Relu;
    }

    @Override
    public NodeKernel dense(LayerOp.Dense op) {
        return new DenseKernel(node, views(), stream);
    }

    @Override
    public NodeKernel conv(LayerOp.Conv op) {
        return stream != null ? new DnnlConvKernel(node, views(), stream, directConvolution) : new ConvKernel(node, views());
    }

    @Override
    public NodeKernel batchNorm(LayerOp.BatchNorm op) {
        return stream != null ? new DnnlBatchNormKernel(node, views(), stream, fusedWithRelu())
            : new BatchNormKernel(node, views());
    }

    @Override
    public NodeKernel relu(LayerOp.Relu op) {
        if (fusesInto(node.from())) {
            return new FusedReluKernel(node);
        }
        return stream != null ? new DnnlReluKernel(node, stream) : new ReluKernel(node);
    }

    @Override
    public NodeKernel maxPool(LayerOp.MaxPool op) {
        return stream != null ? new DnnlPoolKernel(node, stream, true, op.window(), false)
            : new PoolKernel(node, true, op.window(), false);
    }

    @Override
    public NodeKernel avgPool(LayerOp.AvgPool op) {
        return stream != null ? new DnnlPoolKernel(node, stream, false, op.window(), op.countIncludePad())
            : new PoolKernel(node, false, op.window(), op.countIncludePad());
    }

    @Override
    public NodeKernel zeroPad(LayerOp.ZeroPad op) {
        return new ZeroPadKernel(node, op, stream);
    }

    @Override
    public NodeKernel globalAvgPool(LayerOp.GlobalAvgPool op) {
        int h = node.input().height();
        int w = node.input().width();
        return stream != null ? new DnnlPoolKernel(node, stream, false, new PoolWindow(h, w, h, w, 0, 0, 0, 0), false)
            : new GlobalAvgPoolKernel(node);
    }

    @Override
    public NodeKernel dropout(LayerOp.Dropout op) {
        return new DropoutKernel(node, seed * 31 + node.index());
    }

    @Override
    public NodeKernel add(LayerOp.Add op) {
        return new AddKernel(node);
    }

    @Override
    public NodeKernel softmaxOutput(LayerOp.SoftmaxOutput op) {
        return new SoftmaxOutputKernel(node, views(), stream);
    }
}
