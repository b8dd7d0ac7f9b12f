package org.modeconn.engine.curve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.record.Fingerprint;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Provenance;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.EpochLoop;
import org.modeconn.engine.train.TrainingDivergedException;
import org.modeconn.engine.train.TrainingMonitor;
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
        String backend = ComputeBackend.initialise().describe();
        CurveModel.requireCompatible(start, end);
        Dataset aligned = NetworkInputs.align(start.spec(), train, "training data");
        Curve curve = initial.curve();
        if (curve.type() != settings.type() || curve.bends() != settings.bends()) {
            throw new IllegalArgumentException("the initial curve is not a " + settings.type().label() + " with "
                + settings.bends() + " bends");
        }
        try (Dl4jNetwork net = Dl4jNetwork.create(initial.spec())) {
            float[][] initialBends = new float[curve.bends()][];
            for (int i = 0; i < initialBends.length; i++) {
                initialBends[i] = initial.bendView(i);
            }
            BendOptimizer bends = new BendOptimizer(curve, initialBends, settings.fixStart(), settings.fixEnd(),
                net.layout().hasStatistics() ? net.layout().trainableMask() : null, settings.sgd());
            INDArray params = net.parameters();
            INDArray grads = net.gradients();
            SplittableRandom tRandom = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);

            BatchSource data = BatchSource.of(aligned, initial.scaling());
            EpochLoop loop = new EpochLoop(data, settings.batchSize(), settings.epochs(), settings.seed(),
                settings.schedule(), settings.sgd().learningRate(), monitor);
            List<EpochRecord> history = new ArrayList<>();
            AtomicReference<float[][]> lastGood = new AtomicReference<>();
            long started = System.nanoTime();
            try {
                loop.run((batch, lr, epoch, index) -> {
                    bends.placePoint(tRandom.nextDouble(), params);
                    Dl4jNetwork.BatchResult r = net.computeGradient(batch.features(), batch.oneHot(), batch.labels());
                    if (Double.isFinite(r.loss())) {
                        bends.step(params, grads, lr);
                    }
                    return r;
                }, (epoch, lr, trainLoss, trainError, seconds) -> {
                    EpochRecord record = new EpochRecord(epoch, lr, trainLoss, trainError, null, null, seconds);
                    history.add(record);
                    lastGood.set(bends.bends());
                    return record;
                });
            } catch (TrainingDivergedException e) {
                throw e.withLastGood(history.isEmpty() ? null
                    : new CurveModel(initial.spec(), initial.scaling(), curve, lastGood.get(), settings.fixStart(),
                        settings.fixEnd(), null));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Provenance provenance = new Provenance("fit-curve", Instant.now().toString(), ToolVersion.VERSION, backend,
                aligned.toString(), null, settingsJson(settings, start, end), settings.seed(), settings.epochs(), history,
                null, null);
            CurveModel fitted = new CurveModel(initial.spec(), initial.scaling(), curve, lastGood.get(), settings.fixStart(),
                settings.fixEnd(), provenance);
            return new CurveFitResult(fitted, List.copyOf(history), seconds);
        }
    }

    private static ObjectNode settingsJson(CurveFitSettings settings, Network start, Network end) {
        ObjectNode node = Json.MAPPER.valueToTree(settings);
        node.put("startWeightsSha256", Fingerprint.sha256(start.parametersView()));
        node.put("endWeightsSha256", Fingerprint.sha256(end.parametersView()));
        return node;
    }
}
