package org.modeconn.engine.network.kernels;

/**
 * The three primitives of a oneDNN operation with a training and an inference form (BatchNorm, pooling)
 * for one batch size, with the size of the workspace its training form leaves for its backward pass.
 */
final class DnnlPassOps implements AutoCloseable {

    DnnlOp training;
    DnnlOp inference;
    DnnlOp backward;
    /** Floats of the workspace (0 where there is none). */
    long workspaceFloats;

    /** An aligned workspace buffer of this batch size for node {@code node} (at least one float). */
    org.nd4j.linalg.api.ndarray.INDArray workspace(PassBuffers pass, int node) {
        return pass.scratchArray(node, "ws", Math.max(1, workspaceFloats));
    }

    @Override
    public void close() {
        for (DnnlOp op : new DnnlOp[] {training, inference, backward}) {
            if (op != null) {
                op.close();
            }
        }
    }
}
