package org.modeconn.engine.network.layers;

/**
 * The floating-point work of one training step of a network, counted in its products (convolutions, dense
 * layers and the classifier; two operations per multiply-add, as a matrix product's rate is counted): the
 * forward pass, the weight gradients, and the input gradients of every product layer except one that reads the
 * network's input (no pass computes that gradient). Elementwise work (BatchNorm, ReLU, additions, pooling) is
 * left out: it is bound by memory, not by arithmetic, and is what a rate below the matrix product's shows.
 *
 * @param forward operations of the forward pass per example
 * @param weightGradients operations of the weight gradients per example
 * @param inputGradients operations of the input gradients per example
 */
public record StepFlops(long forward, long weightGradients, long inputGradients) {

    /** Counts the products of {@code layers}. */
    public static StepFlops of(NetworkLayers layers) {
        long forward = 0;
        long inputGradients = 0;
        for (LayerNode node : layers.nodes()) {
            long macs = multiplyAdds(node);
            forward += 2 * macs;
            if (node.from() >= 0) {
                inputGradients += 2 * macs;
            }
        }
        return new StepFlops(forward, forward, inputGradients);
    }

    private static long multiplyAdds(LayerNode node) {
        if (node.op() instanceof LayerOp.Conv conv) {
            long perOutput = (long) node.input().channels() * conv.kernelH() * conv.kernelW();
            return perOutput * node.output().size();
        }
        if (node.op() instanceof LayerOp.Dense || node.op() instanceof LayerOp.SoftmaxOutput) {
            return (long) node.input().size() * node.output().size();
        }
        return 0;
    }

    /** All operations of a step on {@code batch} examples. */
    public double perStep(int batch) {
        return (double) (forward + weightGradients + inputGradients) * batch;
    }
}
