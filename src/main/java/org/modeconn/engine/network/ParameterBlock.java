package org.modeconn.engine.network;

/**
 * One named array inside the flat parameter vector.
 *
 * @param layer the layer's name in the graph
 * @param name the parameter's name in the layer (W, b, gamma, beta, mean, var)
 * @param kind what it holds
 * @param offset its first index in the flat vector
 * @param length its number of values
 * @param fanIn the inputs feeding one output unit (weights and biases; 0 otherwise), for initialisation
 */
public record ParameterBlock(String layer, String name, ParameterKind kind, long offset, long length, long fanIn) {
}
