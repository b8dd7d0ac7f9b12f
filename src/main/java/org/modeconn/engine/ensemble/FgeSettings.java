package org.modeconn.engine.ensemble;

import java.util.OptionalInt;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.record.RunSettings;
import org.modeconn.engine.train.EpochPlan;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;

/**
 * Fast Geometric Ensembling from a trained network: SGD with the reference's cyclical learning rate,
 * a snapshot in the middle of every cycle (where the rate is α2).
 *
 * @param epochs FGE epochs
 * @param cycleEpochs the cycle's length in epochs (≥ 2 when used), or 0 when the cycle is in iterations
 * @param cycleIterations the cycle's length in batches (≥ 2), or 0 when the cycle is in epochs
 * @param lr1 α1, the rate at the cycle's ends
 * @param lr2 α2, the rate at the cycle's middle
 * @param momentum SGD momentum
 * @param weightDecay weight decay
 * @param batchSize examples per batch
 * @param seed decides the example order and the augmentation
 * @param augmentation what is done to training images batch by batch (null: none, as in provenance written
 *        before augmentation existed)
 */
@RunSettings.Of(EnsembleModel.FGE)
public record FgeSettings(int epochs, int cycleEpochs, int cycleIterations, double lr1, double lr2, double momentum,
        double weightDecay, int batchSize, long seed, Augmentation augmentation) implements RunSettings {

    /** Validates the ranges. */
    public FgeSettings {
        if (epochs < 1) {
            throw new InvalidInputException("FGE needs at least 1 epoch; " + epochs + " was given.",
                "Give a positive number of epochs.");
        }
        if ((cycleEpochs > 0) == (cycleIterations > 0)) {
            throw new InvalidInputException("Give the FGE cycle either in epochs or in iterations, not "
                + (cycleEpochs > 0 ? "both." : "neither."), "Set one of the two cycle lengths, the other to 0.");
        }
        if (cycleEpochs == 1 || cycleIterations == 1 || cycleEpochs < 0 || cycleIterations < 0) {
            throw new InvalidInputException("An FGE cycle of 1 has no middle to take a snapshot at.",
                "Give a cycle of at least 2 epochs or 2 iterations.");
        }
        if (cycleEpochs > epochs) {
            throw new InvalidInputException("The FGE cycle of " + cycleEpochs + " epochs is longer than the " + epochs
                + " epochs of the run, so no snapshot would be taken.",
                "Give more epochs or a shorter cycle (for example 2 epochs, or a cycle in iterations).");
        }
        if (!(lr1 > 0) || !(lr2 > 0)) {
            throw new InvalidInputException("The FGE learning rates α1 = " + lr1 + ", α2 = " + lr2 + " must be positive.",
                "Give two positive rates, for example 0.05 and 0.0005.");
        }
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        // Momentum and weight decay are checked where every SGD run checks them.
        new SgdSettings(lr1, momentum, false, weightDecay);
        if (batchSize < 1) {
            throw new InvalidInputException("The batch size " + batchSize + " is out of range.",
                "Give a batch size of at least 1, for example 128.");
        }
    }

    /** Settings that leave training images as they are. */
    public FgeSettings(int epochs, int cycleEpochs, int cycleIterations, double lr1, double lr2, double momentum,
            double weightDecay, int batchSize, long seed) {
        this(epochs, cycleEpochs, cycleIterations, lr1, lr2, momentum, weightDecay, batchSize, seed, Augmentation.NONE);
    }

    /** The epoch plan of these settings: the cyclical schedule, scaling α1. */
    public EpochPlan plan() {
        return new EpochPlan(batchSize, epochs, seed, schedule(), lr1, augmentation);
    }

    /** The benchmark's FGE: 4 epochs, cycle 2 epochs, α1 0.05, α2 0.0005, momentum 0.9, wd 5e-4, batch 128. */
    public static FgeSettings benchmark(long seed) {
        return new FgeSettings(4, 2, 0, SgdSettings.LEARNING_RATE, SgdSettings.FGE_LOW_RATE, SgdSettings.MOMENTUM,
            SgdSettings.WEIGHT_DECAY, SgdSettings.BATCH_SIZE, seed);
    }

    /** The cyclical schedule these settings describe. */
    public LearningRateSchedule schedule() {
        return new LearningRateSchedule.Cyclic(lr1, lr2, cycleEpochs, cycleIterations);
    }

    /**
     * How many snapshots the run takes, when the settings alone say: with the cycle in epochs. With the cycle in
     * iterations it depends on the batches per epoch, so it is empty.
     */
    public OptionalInt snapshotCount() {
        if (cycleEpochs == 0) {
            return OptionalInt.empty();
        }
        int count = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            count += snapshotAfterBatch(epoch, 0, 1) ? 1 : 0;
        }
        return OptionalInt.of(count);
    }

    /** Whether a snapshot is taken after the given batch. */
    boolean snapshotAfterBatch(int epoch, int batch, int batchesPerEpoch) {
        if (cycleIterations > 0) {
            long iteration = (long) epoch * batchesPerEpoch + batch;
            return (iteration + 1) % cycleIterations == cycleIterations / 2;
        }
        // The reference takes it at the end of the epoch where (epoch mod cycle) + 1 = cycle / 2.
        return batch == batchesPerEpoch - 1 && (epoch % cycleEpochs) + 1 == cycleEpochs / 2;
    }
}
