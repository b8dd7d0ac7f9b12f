package org.modeconn.engine.train;

import java.util.Optional;
import org.modeconn.engine.record.EpochRecord;

/**
 * Hears a {@link TrainingSession}'s batches and epochs, as DJL's {@code TrainingListener} does: progress,
 * history, snapshots and the keeping of a last good state are listeners, so that each training operation
 * writes only its own step.
 */
public interface TrainingListener {

    /** After each batch whose loss is finite, before the next one starts. */
    default void onBatch(BatchOutcome batch) {
    }

    /** After each epoch, with its completed record (already in the session's history). */
    default void onEpoch(EpochRecord record) {
    }

    /**
     * When the loss became non-finite: what was being trained, as it was after the last completed epoch,
     * for the divergence report to carry; empty if this listener keeps nothing.
     */
    default Optional<Object> lastGood() {
        return Optional.empty();
    }
}
