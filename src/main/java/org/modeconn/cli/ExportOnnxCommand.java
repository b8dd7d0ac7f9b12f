package org.modeconn.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import onnx.Onnx;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurvePoint;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.onnx.OnnxFormat;
import org.modeconn.engine.onnx.OnnxWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code export-onnx}: a network, a curve point or a whole ensemble as a standard ONNX file. */
@Command(name = "export-onnx", mixinStandardHelpOptions = true,
    description = "Write a network (.net), a curve point (.curve with --t) or an ensemble (.ens, as one graph "
        + "averaging its members' probabilities) as an ONNX model (opset " + OnnxFormat.OPSET + "): input '"
        + OnnxFormat.INPUT + "' of raw features (N×C×H×W for images), the feature scaling inside, output '"
        + OnnxFormat.OUTPUT + "' of class probabilities; class names and provenance in its metadata.")
final class ExportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A .net, .ens or .curve file.")
    Path model;

    @Option(names = "--t", description = "With a curve: the point to export, in [0, 1].")
    Double t;

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "Where to write the model.")
    Path out;

    @Override
    public Integer call() {
        System.err.println("backend: " + ComputeContext.current().describe());
        ModelKind kind = ModelKind.of(model);
        if (t != null && kind != ModelKind.CURVE) {
            throw new InvalidInputException("--t chooses a point of a curve, but " + model.getFileName() + " is not a "
                + "curve (.curve).", "Leave out --t, or give a curve file.");
        }
        Onnx.ModelProto onnx = switch (kind) {
            case ENSEMBLE -> OnnxWriter.ensemble(EnsembleFile.read(model));
            case CURVE -> {
                if (t == null) {
                    throw new InvalidInputException("A curve has a network at every t; none was chosen.",
                        "Give --t between 0 and 1.");
                }
                CurveModel c = CurveFile.read(model);
                // a BatchNorm network's statistics at t are recomputed on the training data (--data)
                Dataset train = c.spec().architecture().hasBatchNorm() ? data.loadTrain() : null;
                if (train != null) {
                    System.err.println("BatchNorm statistics at t = " + t + " recomputed on " + train.name() + " ("
                        + train.numExamples() + " rows; --data chooses others)");
                }
                yield OnnxWriter.network(CurvePoint.networkAt(c, t, train));
            }
            case NETWORK -> OnnxWriter.network(NetworkFile.read(model));
        };
        OnnxWriter.write(onnx, out);
        System.err.println("ONNX model written to " + out);
        return 0;
    }
}
