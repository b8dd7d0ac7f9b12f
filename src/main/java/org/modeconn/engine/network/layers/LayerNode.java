package org.modeconn.engine.network.layers;

import java.util.List;

/**
 * One operation of a {@link NetworkLayers} list with its inputs (earlier nodes; −1 is the network's input)
 * and its output shape.
 *
 * @param index its position in the list
 * @param op what it computes
 * @param inputs the indices of the nodes it reads (two for {@link LayerOp.Add}, else one)
 * @param input the shape it reads (of its first input)
 * @param output the shape it produces
 * @param name the name of its parameter blocks in the flat parameter vector, and of its layer in the
 *     Deeplearning4j graph; null for a ReLU folded into the dense layer before it
 */
public record LayerNode(int index, LayerOp op, List<Integer> inputs, TensorShape input, TensorShape output,
        String name) {

    /** Copies the input list. */
    public LayerNode {
        inputs = List.copyOf(inputs);
    }

    /** The node it reads (its first input). */
    public int from() {
        return inputs.get(0);
    }
}
