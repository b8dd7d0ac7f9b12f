package org.modeconn.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.data.Shuffle;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.record.EpochRecord;

/**
 * The loop that endpoint training, curve fitting and FGE share: epochs of batches in a fresh seeded
 * order, the learning rate asked of the schedule per batch, cancellation checked before every batch,
 * progress after it, and a stop at the first non-finite loss.
 */
public final class EpochLoop {

    /** One optimisation step on one batch at one learning rate. */
    @FunctionalInterface
    public interface BatchStep {
        /**
         * Computes the loss and updates whatever is being optimised.
         *
         * @param batch the examples
         * @param learningRate the rate for this step
         * @param epoch 0-based epoch
         * @param index 0-based batch within the epoch
         */
        Dl4jNetwork.BatchResult apply(BatchSource.Batch batch, double learningRate, int epoch, int index);
    }

    /** Completes an epoch's record (test figures, checkpoints) from what the loop measured. */
    @FunctionalInterface
    public interface EpochEnd {
        /**
         * @param epoch 1-based epoch
         * @param learningRate the rate of the epoch's first batch
         * @param trainLoss mean loss over the epoch's batches
         * @param trainErrorPercent error over the epoch's batches
         * @param seconds the epoch's training time
         */
        EpochRecord complete(int epoch, double learningRate, double trainLoss, double trainErrorPercent,
                double seconds);
    }

    private final BatchSource data;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final LearningRateSchedule schedule;
    private final double baseRate;
    private final TrainingMonitor monitor;

    /**
     * @param data the training batches
     * @param batchSize examples per batch
     * @param epochs passes over the data
     * @param seed decides the order of examples in every epoch
     * @param schedule the learning-rate schedule
     * @param baseRate the base rate the schedule scales
     * @param monitor progress and cancellation
     */
    public EpochLoop(BatchSource data, int batchSize, int epochs, long seed, LearningRateSchedule schedule,
            double baseRate, TrainingMonitor monitor) {
        this.data = data;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
        this.schedule = schedule;
        this.baseRate = baseRate;
        this.monitor = monitor;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return data.batchesPerEpoch(batchSize);
    }

    /**
     * Runs all epochs.
     *
     * @throws OperationCancelledException when the monitor cancels
     * @throws TrainingDivergedException at the first NaN or infinite loss (without a last good artefact:
     *         callers attach theirs)
     */
    public List<EpochRecord> run(BatchStep step, EpochEnd end) {
        return run(step, end, epochs);
    }

    /**
     * Runs the first {@code lastEpoch} epochs of the schedule (the rates stay those of the whole run), so
     * that a run can stop early to hand its state on, as FGE's start from epoch 16 of 20 does.
     */
    public List<EpochRecord> run(BatchStep step, EpochEnd end, int lastEpoch) {
        int n = data.size();
        int batches = batchesPerEpoch();
        List<EpochRecord> history = new ArrayList<>();
        int stop = Math.min(lastEpoch, epochs);
        for (int epoch = 0; epoch < stop; epoch++) {
            long start = System.nanoTime();
            int[] order = Shuffle.permutation(n, epochSeed(seed, epoch));
            double lossSum = 0;
            long wrong = 0;
            double firstRate = Double.NaN;
            for (int b = 0; b < batches; b++) {
                if (monitor.isCancelled()) {
                    throw new OperationCancelledException("Cancelled at epoch " + (epoch + 1) + ", batch " + (b + 1)
                        + ".");
                }
                double lr = schedule.rate(baseRate, epoch, b, batches, epochs);
                if (b == 0) {
                    firstRate = lr;
                }
                int from = b * batchSize;
                int count = Math.min(batchSize, n - from);
                Dl4jNetwork.BatchResult r = step.apply(data.gather(order, from, count), lr, epoch, b);
                if (!Double.isFinite(r.loss())) {
                    throw new TrainingDivergedException(epoch + 1, b + 1, lr, r.loss(), null);
                }
                lossSum += r.loss() * count;
                wrong += r.errors();
                monitor.onBatch(((double) epoch * batches + b + 1) / ((double) stop * batches), epoch + 1, b + 1,
                    r.loss(), lr);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochRecord record = end.complete(epoch + 1, firstRate, lossSum / n, 100.0 * wrong / n, seconds);
            history.add(record);
            monitor.onEpoch(record);
        }
        return history;
    }

    /** The seed of one epoch's shuffle: distinct per epoch, fixed by the run's seed. */
    public static long epochSeed(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1;
    }
}
