package org.modeconn.engine.curve;

import java.util.List;
import java.util.SplittableRandom;

import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Fingerprint;
import org.modeconn.engine.train.EpochPlan;
import org.modeconn.engine.train.LastGoodState;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSession;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finds a low-loss curve between two networks by minimising ℓ(θ) = E_{t~U(0,1)} L(φθ(t)): for every
 * batch it draws t, puts φθ(t) = Σ b_i(t)·θ_i into the network, takes the gradient g of the batch loss
 * there, and moves every free bend by SGD on b_i(t)·(g + λ·φθ(t)). The bends live in one [n, P] matrix
 * on the compute device and each step is a handful of matrix operations, whatever the network's size.
 */
public final class CurveFitter {

    private CurveFitter() {
    }

    /**
     * Fits a curve whose middle bends start on the straight line between the ends.
     *
     * @param start ŵ1, the network at t = 0
     * @param end ŵ2, the network at t = 1
     * @param train the training data (raw features; the networks' scaling is applied)
     * @param settings curve family, bends, optimiser
     * @param monitor progress and cancellation
     */
    public static CurveFitResult fit(Network start, Network end, Dataset train, CurveFitSettings settings,
            TrainingMonitor monitor) {
        Curve curve = Curve.of(settings.type(), settings.bends());
        return fit(CurveModel.straight(curve, start, end), start, end, train, settings, monitor);
    }

    /**
     * Fits a curve from given initial bends (for example middle bends taken from other networks).
     *
     * @param initial the starting curve; its ends must be the two networks when they are fixed
     */
    public static CurveFitResult fit(CurveModel initial, Network start, Network end, Dataset train,
            CurveFitSettings settings, TrainingMonitor monitor) {
        CurveModel.requireCompatible(start, end);
        Curve curve = initial.curve();
        if (curve.type() != settings.type() || curve.bends() != settings.bends()) {
            throw new IllegalArgumentException("the initial curve is not a " + settings.type().label() + " with "
                + settings.bends() + " bends");
        }
        EpochPlan plan = settings.plan();
        try (TrainingSession session = TrainingSession.open(CurveFitRun.OPERATION, initial.spec(), initial.scaling(), train, null,
                plan, monitor)) {
            ExecutableNetwork net = session.network();
            float[][] initialBends = new float[curve.bends()][];
            for (int i = 0; i < initialBends.length; i++) {
                initialBends[i] = initial.bendView(i);
            }
            try (BendOptimizer bends = new BendOptimizer(curve, initialBends, settings.fixStart(), settings.fixEnd(),
                net.layout().hasStatistics() ? net.layout().trainableMask() : null, settings.sgd())) {
                INDArray params = net.parameters();
                INDArray grads = net.gradients();
                SplittableRandom tRandom = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
                LastGoodState<float[][]> lastGood = new LastGoodState<>(bends::bends,
                    b -> new CurveModel(initial.spec(), initial.scaling(), curve, b, settings.fixStart(),
                        settings.fixEnd(), null));
                List<EpochRecord> history = session.listen(lastGood).run((batch, lr) -> {
                    bends.placePoint(tRandom.nextDouble(), params);
                    BatchResult r = net.computeGradient(batch.features(), batch.oneHot(), batch.labels());
                    if (Double.isFinite(r.loss())) {
                        bends.step(params, grads, lr);
                    }
                    return r;
                });
                CurveModel fitted = new CurveModel(initial.spec(), initial.scaling(), curve,
                    lastGood.latest().orElseThrow(), settings.fixStart(), settings.fixEnd(),
                    session.provenance(new CurveFitRun(settings, Fingerprint.sha256(start.parametersView()),
                        Fingerprint.sha256(end.parametersView())), null, null));
                return new CurveFitResult(fitted, history, session.seconds());
            }
        }
    }
}
