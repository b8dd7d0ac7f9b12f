package org.modeconn.engine.align;

import java.util.Arrays;

/**
 * The linear assignment problem on a dense square score matrix: the one-to-one matching of rows to columns
 * with the largest total score, solved exactly by the Hungarian method with shortest augmenting paths and
 * dual potentials, in O(n³). Weight matching solves one such problem per permutation per sweep, on matrices of
 * a layer's width (hundreds of units), where a graph library's matching over edge objects would cost more than
 * the products that fill the matrix.
 */
public final class LinearAssignment {

    private LinearAssignment() {
    }

    /**
     * The column matched to each row so that the sum of {@code score[i][match[i]]} is largest.
     *
     * @param score n×n finite scores, row-major: {@code score[i * n + j]} is row i's score for column j
     * @param n the matrix's side
     * @return match, a permutation of 0..n−1
     * @throws IllegalArgumentException if a score is NaN or infinite
     */
    public static int[] maximise(double[] score, int n) {
        if (score.length != (long) n * n) {
            throw new IllegalArgumentException(score.length + " scores for a " + n + "×" + n + " matrix");
        }
        for (double s : score) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("a score of " + s + " in the assignment problem");
            }
        }
        // Minimises the cost −score. Rows and columns are 1-based below; column 0 is the free end of the path
        // being grown. rowOf[j] is the row matched to column j, u and v are the dual potentials of rows and
        // columns, so that the reduced cost −score − u − v is never negative and zero along matched pairs.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOf = new int[n + 1];
        int[] previous = new int[n + 1];
        double[] slack = new double[n + 1];
        boolean[] reached = new boolean[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOf[0] = row;
            int column = 0;
            Arrays.fill(slack, Double.POSITIVE_INFINITY);
            Arrays.fill(reached, false);
            do {
                reached[column] = true;
                int i = rowOf[column];
                double delta = Double.POSITIVE_INFINITY;
                int next = 0;
                int base = (i - 1) * n - 1;
                for (int j = 1; j <= n; j++) {
                    if (!reached[j]) {
                        double reduced = -score[base + j] - u[i] - v[j];
                        if (reduced < slack[j]) {
                            slack[j] = reduced;
                            previous[j] = column;
                        }
                        if (slack[j] < delta) {
                            delta = slack[j];
                            next = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (reached[j]) {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                column = next;
            } while (rowOf[column] != 0);
            // Each column on the path now takes the row before it, so the new row is matched and no row is lost.
            do {
                int before = previous[column];
                rowOf[column] = rowOf[before];
                column = before;
            } while (column != 0);
        }
        int[] match = new int[n];
        for (int j = 1; j <= n; j++) {
            match[rowOf[j] - 1] = j - 1;
        }
        return match;
    }
}
