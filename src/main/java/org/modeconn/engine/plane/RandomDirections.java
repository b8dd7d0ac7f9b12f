package org.modeconn.engine.plane;

import java.util.SplittableRandom;

import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;

/**
 * A random direction in weight space around one network, filter-normalised as Li et al. ("Visualizing the Loss
 * Landscape of Neural Nets", NeurIPS 2018) propose, so that slices of networks of different scales compare:
 * Gaussian entries, then each filter's (conv output channel's) or neuron's (dense output unit's) part scaled to
 * the norm of that filter's or neuron's weights. Biases and BatchNorm's γ and β are left out (zero) or moved with
 * their own values; BatchNorm statistics never move (they are recomputed at each point).
 */
public final class RandomDirections {

    private RandomDirections() {
    }

    /**
     * The direction for {@code weights} (laid out by {@code layout}): the same seed gives the same direction.
     *
     * @param includeBiasAndBatchNorm whether biases, γ and β move (by their own values, as one-dimensional
     *        parameters have no filters to normalise by) rather than stay
     */
    public static float[] filterNormalised(final ParameterLayout layout, final float[] weights, final long seed,
        final boolean includeBiasAndBatchNorm) {
        if (weights.length != layout.size()) {
            throw new IllegalArgumentException(weights.length + " weights for a layout of " + layout.size());
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] d = new float[weights.length];
        for (ParameterBlock b : layout.blocks()) {
            int offset = (int)b.offset();
            int length = (int)b.length();
            switch (b.kind()) {
                case WEIGHT -> {
                    // Every output unit's weights are contiguous (fanIn values): dense columns, conv filters.
                    int fanIn = (int)b.fanIn();
                    for (int unit = offset; unit < offset + length; unit += fanIn) {
                        normalise(d, weights, unit, fanIn, random);
                    }
                }
                case BIAS, BN_GAMMA, BN_BETA -> {
                    if (includeBiasAndBatchNorm) {
                        System.arraycopy(weights, offset, d, offset, length);
                    }
                }
                case BN_MEAN, BN_VAR -> {
                    // statistics: recomputed at every point, so they have no direction
                }
            }
        }
        return d;
    }

    /** Gaussian entries for one unit, scaled to the norm of its weights. */
    private static void normalise(final float[] d, final float[] weights, final int from, final int length,
        final SplittableRandom random) {
        double dd = 0;
        double ww = 0;
        double[] g = new double[length];
        for (int i = 0; i < length; i++) {
            g[i] = gaussian(random);
            dd += g[i] * g[i];
            ww += (double)weights[from + i] * weights[from + i];
        }
        double scale = dd == 0 ? 0 : Math.sqrt(ww / dd);
        for (int i = 0; i < length; i++) {
            d[from + i] = (float)(g[i] * scale);
        }
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has no Gaussian of its own in Java 17). */
    private static double gaussian(final SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
