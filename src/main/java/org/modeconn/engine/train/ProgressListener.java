package org.modeconn.engine.train;

import org.modeconn.engine.record.EpochRecord;

/** Passes a session's batches and epochs on to a {@link TrainingMonitor} (a progress bar, KNIME's monitor). */
public final class ProgressListener implements TrainingListener {

    private final TrainingMonitor monitor;

    /** @param monitor told of every batch and epoch */
    public ProgressListener(TrainingMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void onBatch(BatchOutcome batch) {
        monitor.onBatch(batch.progress(), batch.epoch() + 1, batch.batch() + 1, batch.loss(), batch.learningRate());
    }

    @Override
    public void onEpoch(EpochRecord record) {
        monitor.onEpoch(record);
    }
}
