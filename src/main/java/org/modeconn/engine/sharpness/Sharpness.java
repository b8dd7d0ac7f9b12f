package org.modeconn.engine.sharpness;

/**
 * The sharpness of a network's training loss at its weights: the largest eigenvalues of the Hessian and its trace.
 *
 * @param eigenvalues the largest eigenvalues, descending
 * @param trace the Hutchinson estimate of the trace, or NaN where no samples were asked for
 * @param traceStandardError the estimate's standard error (the samples' standard deviation over √samples), or NaN
 * @param traceSamples the Rademacher vectors of the estimate
 * @param lanczosSteps the Lanczos steps taken
 * @param hessianVectorProducts every product computed (Lanczos's and the trace's)
 * @param rows the training rows the loss is the mean over
 * @param loss the mean loss there
 * @param step the central-difference step
 * @param seconds how long it took
 */
public record Sharpness(double[] eigenvalues, double trace, double traceStandardError, int traceSamples,
        int lanczosSteps, int hessianVectorProducts, int rows, double loss, double step, double seconds) {
}
