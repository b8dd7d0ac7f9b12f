package org.modeconn.engine.plane;

import org.modeconn.engine.InvalidInputException;

/**
 * A plane of two random, filter-normalised directions around one network (Li et al., 2018): which directions
 * (the seed) and how far the grid reaches along each, in units of a direction.
 *
 * @param seed decides both directions (the second is drawn from a seed derived from it)
 * @param range the grid runs from −range to +range along each direction
 * @param includeBiasAndBatchNorm whether biases and BatchNorm's γ and β move too
 */
public record RandomPlane(long seed, double range, boolean includeBiasAndBatchNorm) {

    /** The default reach: one unit of each direction on either side, as Li et al. plot. */
    public static final double DEFAULT_RANGE = 1.0;

    /** Checks the range. */
    public RandomPlane {
        if (!(range > 0 && range <= 100)) {
            throw new InvalidInputException("A random-direction plane reaching " + range + " is out of range.",
                "Give a reach above 0 and at most 100 (1 is the default).");
        }
    }

    /** The seed of the second direction: another stream, never the first's. */
    long secondSeed() {
        return seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }
}
