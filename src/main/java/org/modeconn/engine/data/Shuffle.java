package org.modeconn.engine.data;

import java.util.SplittableRandom;

/** Deterministic permutations from a seed, the same on every machine and Java version. */
public final class Shuffle {

    private Shuffle() {
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates) determined by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        return permutation(n, new SplittableRandom(seed));
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates) drawn from {@code random}, for a run of several. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
