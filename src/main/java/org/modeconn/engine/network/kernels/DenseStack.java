package org.modeconn.engine.network.kernels;

import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * The shape of a layer list these passes run: dense layers on a flat input, each followed by ReLU or by
 * BatchNorm and ReLU (all or none with BatchNorm), then the softmax classifier.
 *
 * @param widths the dense layers' widths
 * @param batchNorm whether they are followed by BatchNorm
 */
record DenseStack(List<Integer> widths, boolean batchNorm) {

    /** The stack {@code layers} is, or null where it is something else. */
    static DenseStack of(NetworkLayers layers) {
        if (layers.input().image()) {
            return null;
        }
        List<LayerNode> nodes = layers.nodes();
        List<Integer> widths = new ArrayList<>();
        Boolean bn = null;
        int i = 0;
        while (i < nodes.size() - 1) {
            if (!(nodes.get(i).op() instanceof LayerOp.Dense d) || !d.bias()) {
                return null;
            }
            boolean norm = nodes.get(i + 1).op() instanceof LayerOp.BatchNorm;
            if (bn != null && bn != norm) {
                return null;
            }
            bn = norm;
            int relu = i + (norm ? 2 : 1);
            if (relu >= nodes.size() || !(nodes.get(relu).op() instanceof LayerOp.Relu)) {
                return null;
            }
            widths.add(d.units());
            i = relu + 1;
        }
        return nodes.get(i).op() instanceof LayerOp.SoftmaxOutput
            ? new DenseStack(widths, bn != null && bn) : null;
    }

    String describe() {
        return (batchNorm ? "mlpbn:" : "mlp:") + widths;
    }
}
