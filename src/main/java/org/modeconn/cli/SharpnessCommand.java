package org.modeconn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.sharpness.Sharpness;
import org.modeconn.engine.sharpness.SharpnessAnalyzer;
import org.modeconn.engine.sharpness.SharpnessSettings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sharpness}: the largest eigenvalues and the trace of the Hessian of a network's training loss. */
@Command(name = "sharpness", mixinStandardHelpOptions = true,
    description = "The sharpness of a network's training loss (as PyHessian): the largest eigenvalues of the Hessian "
        + "by Lanczos and its trace by Hutchinson's estimator, from central differences of exact gradients. The "
        + "loss is the plain mean cross-entropy (no weight decay) over the first --batches batches of 128 training "
        + "rows in file order, or all of them.")
final class SharpnessCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    /** A network, or a curve. */
    static final class Subject {
        @Option(names = "--model", required = true, paramLabel = "N.net", description = "The network.")
        Path model;

        @Option(names = "--curve", required = true, paramLabel = "C.curve",
            description = "Instead: a curve, measured at --points equally spaced t (one row per t).")
        Path curve;
    }

    @Option(names = "--points", defaultValue = "11", paramLabel = "N",
        description = "With --curve: points of t (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--csv", paramLabel = "FILE", description = "With --curve: write one row per t here.")
    Path csv;

    @Mixin
    DataOptions data;

    @Option(names = "--batches", defaultValue = "0", paramLabel = "B",
        description = "Batches of 128 training rows the loss is taken over, 0 for all (default ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--top", defaultValue = "" + SharpnessSettings.DEFAULT_TOP, paramLabel = "K",
        description = "The largest eigenvalues to find (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--trace-samples", defaultValue = "" + SharpnessSettings.DEFAULT_TRACE_SAMPLES, paramLabel = "S",
        description = "Hutchinson's Rademacher vectors for the trace, 0 for no trace (default ${DEFAULT-VALUE}).")
    int traceSamples;

    @Option(names = "--lanczos-steps", defaultValue = "" + SharpnessSettings.DEFAULT_MAX_LANCZOS_STEPS,
        paramLabel = "N", description = "The most Lanczos steps; each keeps a vector of the network's size "
            + "(default ${DEFAULT-VALUE}).")
    int lanczosSteps;

    @Option(names = "--step", defaultValue = "" + SharpnessSettings.DEFAULT_STEP, paramLabel = "EPS",
        description = "The central-difference step, relative to the weights' norm (default ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random vectors (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        System.err.println("backend: " + ComputeContext.current().describe());
        SharpnessSettings settings = new SharpnessSettings(batches, top, traceSamples, seed, lanczosSteps, step);
        Dataset train = data.loadTrain();
        if (subject.curve != null) {
            return alongCurve(settings, train);
        }
        Network network = NetworkFile.read(subject.model);
        Sharpness s = SharpnessAnalyzer.analyze(network, train, settings, new TerminalProgress(System.err,
            "products", 1));
        System.out.printf(Locale.ROOT, "loss %.6f over %d rows; largest eigenvalues %s%n", s.loss(), s.rows(),
            Arrays.stream(s.eigenvalues()).mapToObj(v -> String.format(Locale.ROOT, "%.6g", v))
                .collect(Collectors.joining(", ")));
        if (traceSamples > 0) {
            System.out.printf(Locale.ROOT, "trace %.6g ± %.2g (standard error, %d samples)%n", s.trace(),
                s.traceStandardError(), s.traceSamples());
        }
        System.out.printf(Locale.ROOT, "%d Hessian-vector products (%d Lanczos steps), step %.1g; %.1f s%n",
            s.hessianVectorProducts(), s.lanczosSteps(), s.step(), s.seconds());
        if (summary != null) {
            ObjectNode root = Json.MAPPER.valueToTree(s);
            root.put("model", subject.model.toString());
            root.set("settings", Json.MAPPER.valueToTree(settings));
            root.put("hessian", "training loss: mean cross-entropy, no weight decay; central differences of exact "
                + "gradients");
            root.put("backend", ComputeContext.current().describe());
            SummaryFiles.write(root, summary);
        }
        return 0;
    }

    private int alongCurve(SharpnessSettings settings, Dataset train) throws IOException {
        CurveModel curve = CurveFile.read(subject.curve);
        List<Sharpness> rows = SharpnessAnalyzer.alongCurve(curve, train, points, settings,
            new TerminalProgress(System.err, "points", points));
        StringBuilder table = new StringBuilder("t,loss");
        for (int i = 1; i <= top; i++) {
            table.append(",eigenvalue_").append(i);
        }
        table.append(",trace,trace_standard_error\n");
        ArrayNode json = Json.MAPPER.createArrayNode();
        for (int k = 0; k < rows.size(); k++) {
            Sharpness s = rows.get(k);
            double t = k / (double) (points - 1);
            table.append(String.format(Locale.ROOT, "%.6g,%.6g", t, s.loss()));
            for (double e : s.eigenvalues()) {
                table.append(String.format(Locale.ROOT, ",%.6g", e));
            }
            table.append(String.format(Locale.ROOT, ",%.6g,%.6g%n", s.trace(), s.traceStandardError()));
            ObjectNode row = Json.MAPPER.valueToTree(s);
            row.put("t", t);
            json.add(row);
        }
        System.out.print(table);
        if (csv != null) {
            Files.writeString(csv, table.toString());
        }
        if (summary != null) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("curve", subject.curve.toString());
            root.set("settings", Json.MAPPER.valueToTree(settings));
            root.set("points", json);
            root.put("backend", ComputeContext.current().describe());
            SummaryFiles.write(root, summary);
        }
        return 0;
    }
}
