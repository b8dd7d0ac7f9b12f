package org.modeconn.engine.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.Shuffle;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The assignment solver finds the best matching: against every permutation of small matrices. */
class LinearAssignmentTest {

    @Property(tries = 200)
    void findsTheLargestTotalOfEveryPermutation(@ForAll @IntRange(min = 1, max = 7) int n, @ForAll long seed,
            @ForAll boolean integers) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] score = new double[n * n];
        for (int i = 0; i < score.length; i++) {
            // whole numbers give ties, which the solver must break without losing the optimum
            score[i] = integers ? random.nextInt(-3, 4) : random.nextGaussian() * 10;
        }
        int[] match = LinearAssignment.maximise(score, n);
        assertThat(Arrays.stream(match.clone()).sorted().toArray()).isEqualTo(identity(n));
        assertThat(total(score, match, n)).isCloseTo(bruteForce(score, n), within(1e-9));
    }

    @Test
    void recoversAHiddenPermutation() {
        int n = 300;
        SplittableRandom random = new SplittableRandom(5);
        int[] hidden = Shuffle.permutation(n, random);
        double[] score = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                score[i * n + j] = random.nextDouble() + (hidden[i] == j ? 1 : 0);
            }
        }
        assertThat(LinearAssignment.maximise(score, n)).isEqualTo(hidden);
    }

    @Test
    void refusesNaNScores() {
        assertThatThrownBy(() -> LinearAssignment.maximise(new double[] {1, Double.NaN, 0, 1}, 2))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static double total(double[] score, int[] match, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += score[i * n + match[i]];
        }
        return s;
    }

    private static double bruteForce(double[] score, int n) {
        return best(score, n, 0, new boolean[n]);
    }

    private static double best(double[] score, int n, int row, boolean[] used) {
        if (row == n) {
            return 0;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.max(best, score[row * n + j] + best(score, n, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }
}
