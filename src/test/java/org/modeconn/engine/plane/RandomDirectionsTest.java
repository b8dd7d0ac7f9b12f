package org.modeconn.engine.plane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayout;

/** Filter normalisation on a hand-made network: one dense layer of 3 units over 4 inputs, with a bias and BN. */
class RandomDirectionsTest {

    // W: 3 units × 4 inputs (each unit's 4 weights contiguous), b: 3, then BatchNorm γ, β, mean, var of 3.
    private static final ParameterLayout LAYOUT = ParameterLayout.of(List.of(
        new ParameterBlock("dense", "W", ParameterKind.WEIGHT, 0, 12, 4),
        new ParameterBlock("dense", "b", ParameterKind.BIAS, 12, 3, 4),
        new ParameterBlock("bn", "gamma", ParameterKind.BN_GAMMA, 15, 3, 0),
        new ParameterBlock("bn", "beta", ParameterKind.BN_BETA, 18, 3, 0),
        new ParameterBlock("bn", "mean", ParameterKind.BN_MEAN, 21, 3, 0),
        new ParameterBlock("bn", "var", ParameterKind.BN_VAR, 24, 3, 0)));

    private static final float[] WEIGHTS = {
        1, 0, 0, 0, // unit 0: norm 1
        3, 4, 0, 0, // unit 1: norm 5
        0, 0, 0, 0, // unit 2: norm 0
        0.5f, -0.5f, 2, // biases
        1, 1.5f, 2, // γ
        0.1f, 0.2f, 0.3f, // β
        7, 8, 9, // mean
        1, 2, 3}; // var

    private static double norm(float[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double)v[i] * v[i];
        }
        return Math.sqrt(s);
    }

    @Test
    void eachNeuronsDirectionHasTheNormOfItsWeights() {
        float[] d = RandomDirections.filterNormalised(LAYOUT, WEIGHTS, 42, false);
        assertThat(norm(d, 0, 4)).isCloseTo(1, within(1e-6));
        assertThat(norm(d, 4, 8)).isCloseTo(5, within(1e-6));
        assertThat(norm(d, 8, 12)).isZero();
        // Biases, γ, β left out; statistics never move.
        assertThat(norm(d, 12, 27)).isZero();
        // A random direction, not the weights: unit 1's direction is not (3, 4, 0, 0).
        assertThat(d[6]).isNotZero();
    }

    @Test
    void includedBiasesAndBatchNormMoveByTheirOwnValues() {
        float[] d = RandomDirections.filterNormalised(LAYOUT, WEIGHTS, 42, true);
        for (int i = 12; i < 21; i++) {
            assertThat(d[i]).isEqualTo(WEIGHTS[i]);
        }
        assertThat(norm(d, 21, 27)).isZero();
        assertThat(norm(d, 0, 8)).isEqualTo(norm(RandomDirections.filterNormalised(LAYOUT, WEIGHTS, 42, false), 0, 8));
    }

    @Test
    void theSameSeedGivesTheSameDirectionAndAnotherSeedAnother() {
        assertThat(RandomDirections.filterNormalised(LAYOUT, WEIGHTS, 7, false))
            .containsExactly(RandomDirections.filterNormalised(LAYOUT, WEIGHTS, 7, false));
        assertThat(RandomDirections.filterNormalised(LAYOUT, WEIGHTS, 8, false))
            .isNotEqualTo(RandomDirections.filterNormalised(LAYOUT, WEIGHTS, 7, false));
    }
}
