package org.modeconn.engine.ensemble;

/**
 * One iteration of an ensemble run, for the FGE figure.
 *
 * @param iteration 1-based global iteration
 * @param learningRate the rate used
 * @param loss the batch loss
 * @param distance ‖w − w_start‖, the distance travelled from the start network
 */
public record IterationRecord(long iteration, double learningRate, double loss, double distance) {
}
