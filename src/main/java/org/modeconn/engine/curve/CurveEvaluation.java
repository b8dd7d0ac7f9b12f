package org.modeconn.engine.curve;

/**
 * What evaluating a curve produced: the profile along the curve and along the straight line between its
 * ends, and the ensembles: the mean softmax of the curve's grid points on the test data, against each
 * end alone and the two ends' ensemble.
 *
 * @param curve the profile along the curve
 * @param line the profile along the straight line
 * @param ensembleTestError test error (%) of the mean softmax over the curve's grid points, or NaN
 * @param ensemblePoints how many points that ensemble has
 * @param endpointsEnsembleTestError test error (%) of the two ends' ensemble, or NaN
 * @param seconds wall-clock seconds
 */
public record CurveEvaluation(PathProfile curve, PathProfile line, double ensembleTestError, int ensemblePoints,
        double endpointsEnsembleTestError, double seconds) {
}
