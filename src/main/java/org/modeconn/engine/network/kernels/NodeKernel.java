package org.modeconn.engine.network.kernels;

/**
 * The CPU computation of one node of a layer list: its forward pass into the node's output buffer and its
 * backward pass from the gradient at its output into its inputs' gradients and its parameters' gradient
 * slots. Buffers come from the {@link PassBuffers} of the batch; parameters are views of the network's flat
 * vectors, so updates by the optimiser are seen without copies.
 */
interface NodeKernel {

    /** Computes the node's output from its inputs (training mode: batch statistics, dropout on). */
    void forward(PassBuffers pass, boolean training);

    /** Adds the node's contribution to its inputs' gradients and writes its parameter gradients. */
    void backward(PassBuffers pass);

    /** Whether the backward pass needs this node's input values (else its producer may overwrite them). */
    default boolean needsInput() {
        return true;
    }

    /** Whether the backward pass needs this node's own output values. */
    default boolean needsOutput() {
        return false;
    }
}
