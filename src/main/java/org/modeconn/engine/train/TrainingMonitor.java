package org.modeconn.engine.train;

import org.modeconn.engine.record.EpochRecord;

/**
 * Listens to a long operation and may cancel it: progress bars, learning curves and KNIME's execution
 * monitor all sit behind this one interface. {@link #isCancelled()} is asked before every batch.
 */
public interface TrainingMonitor {

    /** A monitor that listens to nothing and never cancels. */
    TrainingMonitor NONE = new TrainingMonitor() {
    };

    /**
     * After each batch.
     *
     * @param fraction overall progress in [0, 1]
     * @param epoch 1-based epoch
     * @param batch 1-based batch within the epoch
     * @param loss the batch's loss
     * @param learningRate the rate used for the batch
     */
    default void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
    }

    /** After each epoch, with its figures. */
    default void onEpoch(EpochRecord record) {
    }

    /** Whether the user asked to stop; the operation then throws {@code OperationCancelledException}. */
    default boolean isCancelled() {
        return false;
    }
}
