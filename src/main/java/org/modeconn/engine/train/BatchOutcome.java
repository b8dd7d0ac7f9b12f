package org.modeconn.engine.train;

/**
 * What one training step did, as the session tells its listeners.
 *
 * @param epoch 0-based epoch
 * @param batch 0-based batch within the epoch
 * @param batchesPerEpoch batches in every epoch
 * @param learningRate the rate of the step
 * @param loss the batch's mean loss (finite)
 * @param errors misclassified rows of the batch
 * @param progress the fraction of the session's run done after this batch, in (0, 1]
 */
public record BatchOutcome(int epoch, int batch, int batchesPerEpoch, double learningRate, double loss, int errors,
        double progress) {

    /** The 1-based iteration over the whole run. */
    public long iteration() {
        return (long) epoch * batchesPerEpoch + batch + 1;
    }
}
