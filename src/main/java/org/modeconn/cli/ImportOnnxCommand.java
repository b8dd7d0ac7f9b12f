package org.modeconn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.onnx.ImportOptions;
import org.modeconn.engine.onnx.OnnxReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import-onnx}: an ONNX classifier trained elsewhere as a network file that every command takes. */
@Command(name = "import-onnx", mixinStandardHelpOptions = true,
    description = "Read an ONNX classifier (opsets " + OnnxReader.MIN_OPSET + "–" + OnnxReader.MAX_OPSET + "; the "
        + "operators " + OnnxReader.OPERATORS + ", Sub/Mul/Div only on its input) and write it as a network file: it then trains, fits curves, runs FGE, aligns and predicts as any other.")
final class ImportOnnxCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M.onnx", description = "The ONNX file.")
    Path model;

    @Option(names = "--classes", split = ",", paramLabel = "NAME",
        description = "The class names in output order (default: the model's metadata, else 0, 1, …).")
    List<String> classes;

    @Option(names = "--scaling", defaultValue = "none", paramLabel = "FORM",
        description = "How raw features are scaled before the model's first layer: " + ImportOptions.SCALING_FORMS
            + ". Default: ${DEFAULT-VALUE}.")
    String scaling;

    @Option(names = "--out", required = true, paramLabel = "N.net", description = "Where to write the network.")
    Path out;

    @Override
    public Integer call() {
        System.err.println("backend: " + ComputeContext.current().describe());
        Network n = OnnxReader.read(model, new ImportOptions(classes, scaling));
        NetworkFile.write(n, out);
        System.out.printf("%s: %d layers, %,d parameters, input %s, classes %s, scaling %s%n", model.getFileName(),
            n.spec().layers().nodes().size(), n.layout().size(), n.spec().imageShape() != null
                ? n.spec().imageShape() : n.spec().inputFeatures() + " features", n.spec().classNames(),
            n.scaling().kind());
        System.err.println("network written to " + out);
        return 0;
    }
}
