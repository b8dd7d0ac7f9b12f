package org.modeconn.engine.sharpness;

import org.modeconn.engine.InvalidInputException;

/**
 * How the Hessian of a network's training loss is probed: the data it is taken over, how many top eigenvalues,
 * how many Hutchinson samples for the trace, the seed of the random vectors, the most Lanczos steps, and the step of
 * the central differences of gradients that give each Hessian-vector product.
 *
 * @param batches the first batches of 128 training rows, in file order, that the loss is the mean over; 0 for all
 * @param top how many of the largest eigenvalues, ≥ 1
 * @param traceSamples Rademacher vectors of the trace estimate; 0 for no trace
 * @param seed the seed of Lanczos's start vector and of the trace's vectors
 * @param maxLanczosSteps the most Lanczos steps (each one Hessian-vector product; each keeps a vector of the
 *        network's size)
 * @param step the central-difference step relative to the weights' norm: along a unit vector v,
 *        Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / 2ε with ε = step · ‖θ‖
 */
public record SharpnessSettings(int batches, int top, int traceSamples, long seed, int maxLanczosSteps,
        double step) {

    /** Rows a batch. */
    public static final int BATCH = 128;
    /** The default number of top eigenvalues. */
    public static final int DEFAULT_TOP = 3;
    /** The default Hutchinson samples. */
    public static final int DEFAULT_TRACE_SAMPLES = 50;
    /** The default most Lanczos steps. */
    public static final int DEFAULT_MAX_LANCZOS_STEPS = 60;
    /**
     * The default central-difference step, relative to the weights' norm. A ReLU network is piecewise quadratic in
     * its weights: a larger step crosses more of the pieces' borders and errs by that, a smaller one leaves too few of
     * the weights' float digits in the difference. This step sits between the two on the reference networks (see
     * {@code SharpnessAnalyzerTest}).
     */
    public static final double DEFAULT_STEP = 3e-6;

    /** Checks every value, naming the option to change. */
    public SharpnessSettings {
        if (batches < 0) {
            throw new InvalidInputException("--batches " + batches + " is negative.",
                "Give the number of training batches of 128 the loss is taken over, or 0 for all of them.");
        }
        if (top < 1) {
            throw new InvalidInputException("--top " + top + " asks for no eigenvalue.",
                "Give 1 or more (the largest eigenvalues of the Hessian, " + DEFAULT_TOP + " by default).");
        }
        if (traceSamples < 0) {
            throw new InvalidInputException("--trace-samples " + traceSamples + " is negative.",
                "Give the Hutchinson samples of the trace (" + DEFAULT_TRACE_SAMPLES + " by default), or 0 for none.");
        }
        if (maxLanczosSteps < top + 1) {
            throw new InvalidInputException("--lanczos-steps " + maxLanczosSteps + " cannot find " + top
                + " eigenvalues.", "Give more Lanczos steps than eigenvalues asked for (" + DEFAULT_MAX_LANCZOS_STEPS
                    + " by default).");
        }
        if (!(step >= 1e-7) || step > 0.1) {
            throw new InvalidInputException("The central-difference step " + step + " is out of range.",
                "Give a step relative to the weights' norm in [1e-7, 0.1]; " + DEFAULT_STEP + " is the default.");
        }
    }

    /**
     * The sharpness column of Evaluate Curve's profile and FGE Ensemble's snapshot table: the largest eigenvalue alone,
     * over all training rows, no trace.
     */
    public static final SharpnessSettings LARGEST_EIGENVALUE = new SharpnessSettings(0, 1, 0, 1,
        DEFAULT_MAX_LANCZOS_STEPS, DEFAULT_STEP);

    /** The defaults over {@code batches} batches. */
    public static SharpnessSettings defaults(int batches) {
        return new SharpnessSettings(batches, DEFAULT_TOP, DEFAULT_TRACE_SAMPLES, 1, DEFAULT_MAX_LANCZOS_STEPS,
            DEFAULT_STEP);
    }
}
