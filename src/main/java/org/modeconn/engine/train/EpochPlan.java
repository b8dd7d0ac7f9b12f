package org.modeconn.engine.train;

/**
 * How a training session walks its data: batches of a size, a number of epochs, a seed that fixes every
 * epoch's order, and the learning-rate schedule with the base rate it scales.
 *
 * @param batchSize examples per batch
 * @param epochs passes over the data (the schedule's length)
 * @param seed decides the order of examples in every epoch
 * @param schedule the learning-rate schedule, asked per batch
 * @param baseRate the rate the schedule scales
 */
public record EpochPlan(int batchSize, int epochs, long seed, LearningRateSchedule schedule, double baseRate) {

    /** Validates the plan. */
    public EpochPlan {
        Settings.require(batchSize >= 1, "A batch size of " + batchSize, "Give a batch size of at least 1.");
        Settings.require(epochs >= 1, epochs + " epochs", "Give at least 1 epoch.");
        Settings.require(baseRate > 0 && Double.isFinite(baseRate), "A learning rate of " + baseRate,
            "Give a positive learning rate.");
        if (schedule == null) {
            throw new IllegalArgumentException("no learning-rate schedule");
        }
    }

    /** The seed of one epoch's shuffle: distinct per epoch, fixed by the run's seed. */
    public long shuffleSeed(int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1;
    }
}
