package org.modeconn.engine.network;

/**
 * Loss and error count of one training batch, as every way of running a network reports them.
 *
 * @param loss mean softmax cross-entropy
 * @param errors misclassified rows
 */
public record BatchResult(double loss, int errors) {
}
