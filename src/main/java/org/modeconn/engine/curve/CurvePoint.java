package org.modeconn.engine.curve;

import java.time.Instant;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Provenance;
import org.modeconn.engine.train.BatchNormRecomputer;
import org.modeconn.engine.train.BatchSource;

/** Takes the network at one point of a curve out as an ordinary network, BatchNorm statistics recomputed. */
public final class CurvePoint {

    private CurvePoint() {
    }

    /**
     * @param curve the curve
     * @param t the point, in [0, 1]
     * @param train the training data, for the BatchNorm statistics (may be null for networks without BN)
     */
    public static Network networkAt(CurveModel curve, double t, Dataset train) {
        String backend = ComputeContext.current().describe();
        float[] point = curve.pointAt(t);
        if (curve.spec().architecture().hasBatchNorm()) {
            if (train == null) {
                throw new InvalidInputException("The network has BatchNorm layers, whose statistics "
                    + "must be recomputed at t = " + t + " from the training data, but none was given.",
                    "Give the training data the curve was fitted on.");
            }
            try (ExecutableNetwork net = ExecutableNetwork.create(curve.spec());
                    BatchSource data = BatchSource.of(NetworkInputs.align(curve.spec(), train, "training data"),
                        curve.scaling())) {
                net.setParameters(point);
                new BatchNormRecomputer(net).recompute(data);
                point = net.parameterArray();
            }
        }
        Provenance provenance = new Provenance(CurvePointSettings.OPERATION, Instant.now().toString(),
            ToolVersion.VERSION, backend, train == null ? null : train.toString(), null,
            Provenance.store(CurvePointSettings.OPERATION, new CurvePointSettings(t, curve.curve().type().label(),
                curve.bendCount())), 0, 0, null, null, null);
        return new Network(curve.spec(), curve.scaling(), point, null, provenance);
    }
}
