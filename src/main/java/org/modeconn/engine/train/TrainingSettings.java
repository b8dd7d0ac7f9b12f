package org.modeconn.engine.train;

import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.record.RunSettings;

/**
 * How an endpoint network is trained.
 *
 * @param epochs passes over the training data (≥ 1)
 * @param batchSize examples per batch (≥ 1)
 * @param sgd the optimiser
 * @param schedule the learning-rate schedule
 * @param seed decides initial weights and the order of examples: same seed, same data → same weights
 * @param scaling how the features are scaled
 * @param checkpointEpoch an epoch after which to keep a copy of the network with its optimiser state
 *        (FGE starts from one), or 0 for none
 * @param augmentation what is done to training images batch by batch (null: none, as in provenance written
 *        before augmentation existed)
 */
@RunSettings.Of(TrainingSettings.OPERATION)
public record TrainingSettings(int epochs, int batchSize, SgdSettings sgd, LearningRateSchedule schedule, long seed,
        FeatureScaling.Mode scaling, int checkpointEpoch, Augmentation augmentation) implements RunSettings {

    /** The operation that trains an endpoint, as its provenance names it. */
    public static final String OPERATION = "train-endpoint";

    /** Validates the ranges. */
    public TrainingSettings {
        Settings.require(epochs >= 1 && epochs <= 100_000, "The number of epochs " + epochs,
            "Give at least 1 epoch.");
        Settings.require(batchSize >= 1 && batchSize <= 1 << 20, "The batch size " + batchSize,
            "Give a batch size of at least 1, for example 128.");
        Settings.require(checkpointEpoch >= 0 && checkpointEpoch <= epochs, "The checkpoint epoch " + checkpointEpoch,
            "Give an epoch between 1 and the number of epochs, or 0 for no checkpoint.");
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        if (sgd == null || schedule == null || scaling == null) {
            throw new NullPointerException("sgd, schedule and scaling are required");
        }
    }

    /** Settings that leave training images as they are. */
    public TrainingSettings(int epochs, int batchSize, SgdSettings sgd, LearningRateSchedule schedule, long seed,
            FeatureScaling.Mode scaling, int checkpointEpoch) {
        this(epochs, batchSize, sgd, schedule, seed, scaling, checkpointEpoch, Augmentation.NONE);
    }

    /** These settings with another seed (of the initialisation and of the batch order). */
    public TrainingSettings withSeed(long other) {
        return new TrainingSettings(epochs, batchSize, sgd, schedule, other, scaling, checkpointEpoch, augmentation);
    }

    /** The epoch plan of these settings. */
    public EpochPlan plan() {
        return new EpochPlan(batchSize, epochs, seed, schedule, sgd.learningRate(), augmentation);
    }

    /** The benchmark's endpoint training: 20 epochs, batch 128, SGD 0.05/0.9/5e-4, the reference schedule. */
    public static TrainingSettings benchmark(long seed) {
        return benchmark(20, seed, 0);
    }

    /** The benchmark's endpoint training with another length and a checkpoint epoch (0: none). */
    public static TrainingSettings benchmark(int epochs, long seed, int checkpointEpoch) {
        return new TrainingSettings(epochs, SgdSettings.BATCH_SIZE, SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(), seed,
            FeatureScaling.Mode.AUTO, checkpointEpoch);
    }
}
