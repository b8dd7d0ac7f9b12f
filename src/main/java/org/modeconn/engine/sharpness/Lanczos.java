package org.modeconn.engine.sharpness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The largest eigenvalues of a symmetric operator known only through its products with vectors: Lanczos iteration
 * with full reorthogonalisation from a seeded random start, stopped when the wanted Ritz values have converged. The
 * basis is kept in single precision (one vector of the operator's size per step); sums are in double.
 */
final class Lanczos {

    /** A Ritz value counts as converged when its residual is this small against its size. */
    static final double TOLERANCE = 1e-4;

    private Lanczos() {
    }

    /**
     * The outcome.
     *
     * @param eigenvalues the largest, descending
     * @param steps the steps taken (one product each)
     */
    record Result(double[] eigenvalues, int steps) {
    }

    /**
     * @param operator v ↦ Av
     * @param size the dimension
     * @param top how many of the largest eigenvalues
     * @param maxSteps the most steps
     * @param seed the start vector's seed
     * @param afterStep called after each step (progress, cancellation)
     */
    static Result largest(UnaryOperator<double[]> operator, int size, int top, int maxSteps, long seed,
            Runnable afterStep) {
        int limit = Math.min(maxSteps, size);
        List<float[]> basis = new ArrayList<>();
        double[] alpha = new double[limit];
        double[] beta = new double[limit];
        double[] v = new double[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            v[i] = random.nextGaussian();
        }
        scale(v, 1 / norm(v));
        double[] ritz = new double[0];
        int steps = 0;
        for (int j = 0; j < limit; j++) {
            basis.add(toFloat(v));
            double[] w = operator.apply(v);
            alpha[j] = dot(w, v);
            // full reorthogonalisation, twice: the products are inexact, and plain Lanczos would find ghosts
            for (int pass = 0; pass < 2; pass++) {
                for (float[] b : basis) {
                    double c = dot(w, b);
                    for (int i = 0; i < size; i++) {
                        w[i] -= c * b[i];
                    }
                }
            }
            beta[j] = norm(w);
            steps = j + 1;
            afterStep.run();
            if (steps >= Math.min(top + 1, limit)) {
                double[][] ritzPairs = ritzValues(alpha, beta, steps);
                ritz = ritzPairs[0];
                if (converged(ritzPairs, beta[j], top) || beta[j] < 1e-12 * Math.abs(ritz[0])) {
                    break;
                }
            }
            if (beta[j] == 0) {
                break;
            }
            for (int i = 0; i < size; i++) {
                v[i] = w[i] / beta[j];
            }
        }
        return new Result(Arrays.copyOf(ritz, Math.min(top, ritz.length)), steps);
    }

    /** [0]: the Ritz values descending; [1]: the last component of each one's eigenvector, in the same order. */
    private static double[][] ritzValues(double[] alpha, double[] beta, int steps) {
        if (steps == 1) {
            return new double[][] {{alpha[0]}, {1}};
        }
        EigenDecomposition tridiagonal = new EigenDecomposition(Arrays.copyOf(alpha, steps),
            Arrays.copyOf(beta, steps - 1));
        double[] values = tridiagonal.getRealEigenvalues();
        Integer[] order = new Integer[steps];
        for (int i = 0; i < steps; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double[][] out = new double[2][steps];
        for (int i = 0; i < steps; i++) {
            out[0][i] = values[order[i]];
            out[1][i] = tridiagonal.getEigenvector(order[i]).getEntry(steps - 1);
        }
        return out;
    }

    private static boolean converged(double[][] ritz, double lastBeta, int top) {
        if (ritz[0].length < top) {
            return false;
        }
        for (int i = 0; i < top; i++) {
            if (Math.abs(lastBeta * ritz[1][i]) > TOLERANCE * Math.abs(ritz[0][i])) {
                return false;
            }
        }
        return true;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(double[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double by) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= by;
        }
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
