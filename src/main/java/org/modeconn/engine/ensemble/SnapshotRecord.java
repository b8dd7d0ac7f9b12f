package org.modeconn.engine.ensemble;

/**
 * One snapshot of an ensemble run, with its own test figures and those of the ensemble so far.
 *
 * @param index 1-based snapshot number
 * @param iteration the global iteration (batch) after which it was taken, 1-based
 * @param epoch the epoch it was taken in, 1-based
 * @param learningRate the rate of its last step
 * @param testLoss the snapshot's own test NLL (NaN without test data)
 * @param testErrorPercent the snapshot's own test error
 * @param ensembleTestLoss the test NLL of the mean softmax of snapshots 1..index
 * @param ensembleTestErrorPercent the test error of that ensemble
 * @param swaTestLoss the test NLL of the average of snapshots 1..index's weights (SWA, BatchNorm recomputed);
 *        NaN without test data or when the run does not average
 * @param swaTestErrorPercent the test error of that average
 * @param seconds what taking it cost: BatchNorm recomputation, the copy, the test predictions
 */
public record SnapshotRecord(int index, long iteration, int epoch, double learningRate, double testLoss,
        double testErrorPercent, double ensembleTestLoss, double ensembleTestErrorPercent, double swaTestLoss, double swaTestErrorPercent,
        double seconds) {
}
