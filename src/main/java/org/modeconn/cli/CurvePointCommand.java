package org.modeconn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurvePoint;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code curve-point}: the network at one point of a curve, as a network file. */
@Command(name = "curve-point", mixinStandardHelpOptions = true,
    description = "Write the network at one point t of a curve as a network file (BatchNorm statistics "
        + "recomputed on the training data).")
final class CurvePointCommand implements Callable<Integer> {

    @Option(names = "--curve", required = true, paramLabel = "C.curve", description = "The curve file.")
    Path curveFile;

    @Option(names = "--t", required = true, description = "The point, in [0, 1].")
    double t;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "FILE.net", description = "Where to write the network.")
    Path out;

    @Override
    public Integer call() {
        System.err.println("backend: " + ComputeContext.current().describe());
        CurveModel curve = CurveFile.read(curveFile);
        Dataset train = curve.spec().architecture().hasBatchNorm() ? data.loadTrain() : null;
        Network n = CurvePoint.networkAt(curve, t, train);
        NetworkFile.write(n, out);
        System.err.println("network at t = " + t + " written to " + out);
        return 0;
    }
}
