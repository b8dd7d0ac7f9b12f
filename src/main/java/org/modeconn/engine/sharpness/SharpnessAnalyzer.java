package org.modeconn.engine.sharpness;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurvePoint;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * The sharpness of a network's training loss, as PyHessian (Yao et al. 2020) measures it: the largest eigenvalues of
 * the Hessian by Lanczos, and its trace by Hutchinson's estimator, E[zᵀHz] over Rademacher vectors z. The loss is the
 * plain mean cross-entropy (no weight decay) over the chosen training rows; each Hessian-vector product is a central
 * difference of two exact gradients ({@link HessianVectorProducts}).
 */
public final class SharpnessAnalyzer {

    private SharpnessAnalyzer() {
    }

    /**
     * Measures {@code network} on {@code train}, in evaluation mode: dropout layers pass everything through, as
     * PyHessian measures them.
     *
     * @param monitor one step per Hessian-vector product, and cancellation between them
     */
    public static Sharpness analyze(Network given, Dataset train, SharpnessSettings settings,
            TrainingMonitor monitor) {
        Network network = inEvaluationMode(given);
        long started = System.nanoTime();
        int rows = settings.batches() == 0 ? train.numExamples() : settings.batches() * SharpnessSettings.BATCH;
        try (HessianVectorProducts hessian = new HessianVectorProducts(network, train, rows, settings.step())) {
            int planned = settings.maxLanczosSteps() + settings.traceSamples();
            Runnable afterProduct = () -> {
                monitor.onBatch(Math.min(1, hessian.products() / (double) planned), 1, hessian.products(), Double.NaN,
                    0);
                if (monitor.isCancelled()) {
                    throw new OperationCancelledException("Sharpness cancelled after " + hessian.products()
                        + " Hessian-vector products.");
                }
            };
            double loss = hessian.loss();
            Lanczos.Result top = Lanczos.largest(hessian::times, hessian.size(), settings.top(),
                settings.maxLanczosSteps(), settings.seed(), afterProduct);
            double trace = Double.NaN;
            double error = Double.NaN;
            if (settings.traceSamples() > 0) {
                // its own stream of the seed, so that the trace does not depend on how many Lanczos steps ran
                SplittableRandom random = new SplittableRandom(settings.seed()).split();
                double[] samples = new double[settings.traceSamples()];
                double[] z = new double[hessian.size()];
                for (int s = 0; s < samples.length; s++) {
                    for (int i = 0; i < z.length; i++) {
                        z[i] = random.nextBoolean() ? 1 : -1;
                    }
                    samples[s] = Lanczos.dot(z, hessian.times(z));
                    afterProduct.run();
                }
                trace = mean(samples);
                error = samples.length > 1 ? Math.sqrt(variance(samples, trace) / samples.length) : Double.NaN;
            }
            return new Sharpness(top.eigenvalues(), trace, error, settings.traceSamples(), top.steps(),
                hessian.products(), hessian.rows(), loss, settings.step(), (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * The sharpness at {@code points} equally spaced t of a curve (t = 0, 1/(points − 1), …, 1), the network at each
     * t as Curve Point gives it.
     *
     * @param monitor progress over all the points' products, and cancellation
     */
    public static List<Sharpness> alongCurve(CurveModel curve, Dataset train, int points, SharpnessSettings settings,
            TrainingMonitor monitor) {
        CurveEvaluator.requirePoints(points);
        List<Sharpness> out = new ArrayList<>();
        for (int k = 0; k < points; k++) {
            int done = k;
            Network at = CurvePoint.networkAt(curve, k / (double) (points - 1), train);
            out.add(analyze(at, train, settings, new TrainingMonitor() {
                @Override
                public void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
                    monitor.onBatch((done + fraction) / points, done + 1, batch, loss, learningRate);
                }

                @Override
                public boolean isCancelled() {
                    return monitor.isCancelled();
                }
            }));
        }
        return out;
    }

    /**
     * The network as evaluation mode computes it: without its dropout layers, which then pass everything through, so
     * that the engine's gradients (training mode, which would draw dropout masks) are the evaluation mode's. The
     * parameters are the same, in the same order.
     */
    static Network inEvaluationMode(Network network) {
        NetworkSpec spec = network.spec();
        ArchitectureSpec plain = spec.architecture().withoutDropout();
        if (plain.equals(spec.architecture())) {
            return network;
        }
        return new Network(spec.withArchitecture(plain), network.scaling(), network.parameters(), null, null);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
