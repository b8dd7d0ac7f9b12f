package org.modeconn.engine.train;

import org.modeconn.engine.data.Augmentation;

/**
 * How a training session walks its data: batches of a size, a number of epochs, a seed that fixes every
 * epoch's order and augmentation, the learning-rate schedule with the base rate it scales, and how training
 * images are augmented.
 *
 * @param batchSize examples per batch
 * @param epochs passes over the data (the schedule's length)
 * @param seed decides the order of examples in every epoch
 * @param schedule the learning-rate schedule, asked per batch
 * @param baseRate the rate the schedule scales
 * @param augmentation what is done to training images batch by batch
 */
public record EpochPlan(int batchSize, int epochs, long seed, LearningRateSchedule schedule, double baseRate,
        Augmentation augmentation) {

    /** Validates the plan. */
    public EpochPlan {
        Settings.require(batchSize >= 1, "A batch size of " + batchSize, "Give a batch size of at least 1.");
        Settings.require(epochs >= 1, epochs + " epochs", "Give at least 1 epoch.");
        Settings.require(baseRate > 0 && Double.isFinite(baseRate), "A learning rate of " + baseRate,
            "Give a positive learning rate.");
        if (schedule == null || augmentation == null) {
            throw new IllegalArgumentException("no learning-rate schedule or augmentation");
        }
    }

    /** A plan that leaves training images as they are. */
    public EpochPlan(int batchSize, int epochs, long seed, LearningRateSchedule schedule, double baseRate) {
        this(batchSize, epochs, seed, schedule, baseRate, Augmentation.NONE);
    }

    /** The seed of every crop and flip: fixed by the run's seed, apart from the shuffles'. */
    public long augmentationSeed() {
        return seed * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
    }

    /** The seed of one epoch's shuffle: distinct per epoch, fixed by the run's seed. */
    public long shuffleSeed(int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1;
    }
}
