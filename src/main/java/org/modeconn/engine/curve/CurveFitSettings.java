package org.modeconn.engine.curve;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.train.EpochPlan;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;

/**
 * How a curve is fitted between two networks.
 *
 * @param type Bezier or polygonal chain
 * @param bends n, the number of bends including both ends (≥ 2; 3 is the paper's)
 * @param fixStart whether θ_0 stays at the first network (the paper's default)
 * @param fixEnd whether θ_{n−1} stays at the second network
 * @param epochs passes over the training data
 * @param batchSize examples per batch
 * @param sgd the optimiser; its weight decay λ regularises the curve point: λ/2·‖φθ(t)‖²
 * @param schedule the learning-rate schedule
 * @param seed decides the example order, the augmentation and the t drawn for every batch
 * @param augmentation what is done to training images batch by batch (null: none, as in provenance written
 *        before augmentation existed)
 */
public record CurveFitSettings(CurveType type, int bends, boolean fixStart, boolean fixEnd, int epochs, int batchSize,
        SgdSettings sgd, LearningRateSchedule schedule, long seed, Augmentation augmentation) {

    /** Validates the ranges. */
    public CurveFitSettings {
        augmentation = augmentation == null ? Augmentation.NONE : augmentation;
        if (type == null || sgd == null || schedule == null) {
            throw new NullPointerException("type, sgd and schedule are required");
        }
        if (bends < 2 || bends > 64) {
            throw new InvalidInputException("A curve with " + bends + " bends is out of range.",
                "Give between 2 and 64 bends (3: the paper's quadratic Bezier curve or one-bend chain).");
        }
        if (bends == 2 && fixStart && fixEnd) {
            throw new InvalidInputException("A curve with 2 bends and both ends fixed is the straight line: there is "
                + "nothing to fit.", "Give 3 or more bends, or free an end.");
        }
        if (epochs < 1 || epochs > 100_000) {
            throw new InvalidInputException("The number of epochs " + epochs + " is out of range.",
                "Give at least 1 epoch.");
        }
        if (batchSize < 1 || batchSize > 1 << 20) {
            throw new InvalidInputException("The batch size " + batchSize + " is out of range.",
                "Give a batch size of at least 1, for example 128.");
        }
    }

    /** Settings that leave training images as they are. */
    public CurveFitSettings(CurveType type, int bends, boolean fixStart, boolean fixEnd, int epochs, int batchSize,
            SgdSettings sgd, LearningRateSchedule schedule, long seed) {
        this(type, bends, fixStart, fixEnd, epochs, batchSize, sgd, schedule, seed, Augmentation.NONE);
    }

    /** The same settings with another augmentation. */
    public CurveFitSettings withAugmentation(Augmentation a) {
        return new CurveFitSettings(type, bends, fixStart, fixEnd, epochs, batchSize, sgd, schedule, seed, a);
    }

    /** The epoch plan of these settings. */
    public EpochPlan plan() {
        return new EpochPlan(batchSize, epochs, seed, schedule, sgd.learningRate(), augmentation);
    }

    /** The benchmark's curve fitting: 20 epochs, batch 128, SGD 0.015/0.9/5e-4, the reference schedule. */
    public static CurveFitSettings benchmark(CurveType type, long seed) {
        return benchmark(type, 20, seed);
    }

    /** The benchmark's curve fitting with another number of epochs. */
    public static CurveFitSettings benchmark(CurveType type, int epochs, long seed) {
        return new CurveFitSettings(type, 3, true, true, epochs, SgdSettings.BATCH_SIZE, new SgdSettings(SgdSettings.CURVE_LEARNING_RATE,
            SgdSettings.MOMENTUM, false, SgdSettings.WEIGHT_DECAY),
            new LearningRateSchedule.Reference(), seed);
    }
}
