package org.modeconn.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurvePoint;
import org.modeconn.engine.data.CsvReader;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code predict}: class probabilities and predictions of a network, a curve point or an ensemble. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Apply a network (.net), an ensemble (.ens) or a curve point (.curve with --t) to data and write "
        + "the class probabilities and the predicted class of every row as CSV. The rows are those of --test where it "
        + "is given, else of --data.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "A .net, .ens or .curve file.")
    Path model;

    @Option(names = "--t", description = "With a curve: the point to use, in [0, 1].")
    Double t;

    @Mixin
    DataOptions data;

    @Option(names = "--unlabelled", description = "The CSV has no label column: every column is a feature.")
    boolean unlabelled;

    @Option(names = "--training-data", paramLabel = "SOURCE",
        description = "With a curve of a BatchNorm network: the training data for the statistics (default: --data).")
    String trainingData;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the predictions.")
    Path out;

    @Override
    public Integer call() throws IOException {
        System.err.println("backend: " + ComputeContext.current().describe());
        ModelKind kind = ModelKind.of(model);
        Predictor.Predictions p;
        Dataset rows;
        switch (kind) {
            case ENSEMBLE -> {
                var e = EnsembleFile.read(model);
                rows = load(e.spec().classNames(), e.spec().imageShape());
                p = Predictor.predict(e, rows);
            }
            case CURVE -> {
                if (t == null) {
                    throw new InvalidInputException("A curve has a network at every t; none was chosen.",
                        "Give --t between 0 and 1.");
                }
                CurveModel c = CurveFile.read(model);
                rows = load(c.spec().classNames(), c.spec().imageShape());
                Dataset train = null;
                if (c.spec().architecture().hasBatchNorm()) {
                    DataOptions trainOptions = data;
                    if (trainingData != null) {
                        trainOptions = new DataOptions();
                        trainOptions.data = trainingData;
                    }
                    train = trainOptions.loadTrain();
                    // the statistics at t are only as right as this data: say which it was
                    System.err.println("BatchNorm statistics at t = " + t + " recomputed on " + train.name()
                        + " (" + train.numExamples() + " rows; --training-data chooses others)");
                }
                p = Predictor.predict(CurvePoint.networkAt(c, t, train), rows);
            }
            default -> {
                var n = NetworkFile.read(model);
                rows = load(n.spec().classNames(), n.spec().imageShape());
                p = Predictor.predict(n, rows);
            }
        }
        write(p, rows, out);
        if (!unlabelled) {
            int wrong = 0;
            var aligned = rows.alignClasses(p.classNames());
            for (int i = 0; i < p.rows(); i++) {
                if (p.predicted()[i] != aligned.labels()[i]) {
                    wrong++;
                }
            }
            System.out.printf(Locale.ROOT, "%d rows, error %.2f%%%n", p.rows(), 100.0 * wrong / p.rows());
        }
        System.err.println("predictions written to " + out);
        return 0;
    }

    private Dataset load(java.util.List<String> classes, ImageShape shape) {
        if (!unlabelled) {
            // --test names the rows to predict where it is given (--data embedded --test embedded: the test split)
            return data.test != null ? data.loadTest() : data.loadTrain();
        }
        return CsvReader.unlabelled(data.delimiter, shape, classes).read(Path.of(data.test != null ? data.test
            : data.data));
    }

    private void write(Predictor.Predictions p, Dataset rows, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        int c = p.classNames().size();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("row");
            if (!unlabelled) {
                header.append(",label");
            }
            header.append(",prediction");
            for (String name : p.classNames()) {
                header.append(",P(").append(name.replace(",", ";")).append(')');
            }
            w.write(header.append('\n').toString());
            for (int i = 0; i < p.rows(); i++) {
                StringBuilder line = new StringBuilder().append(i + 1);
                if (!unlabelled) {
                    line.append(',').append(rows.classNames().get(rows.labels()[i]));
                }
                line.append(',').append(p.classNames().get(p.predicted()[i]));
                for (int k = 0; k < c; k++) {
                    line.append(',').append(String.format(Locale.ROOT, "%.6f", p.probabilities()[i * c + k]));
                }
                w.write(line.append('\n').toString());
            }
        }
    }
}
