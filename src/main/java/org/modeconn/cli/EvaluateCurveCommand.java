package org.modeconn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.report.CurvePlot;
import org.modeconn.engine.report.CurveTables;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate-curve}: loss and error along a curve and along the straight line. */
@Command(name = "evaluate-curve", mixinStandardHelpOptions = true,
    description = "Measure loss and error along a curve and along the straight line between its ends, with "
        + "BatchNorm statistics recomputed at every point.")
final class EvaluateCurveCommand implements Callable<Integer> {

    @Option(names = "--curve", required = true, paramLabel = "C.curve", description = "The curve file.")
    Path curveFile;

    @Mixin
    DataOptions data;

    @Mixin
    SparkOption spark;

    @Option(names = "--points", defaultValue = "61", description = "Points of t in [0, 1] (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the table here.")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the figure here.")
    Path plot;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        System.err.println("backend: " + ComputeContext.current().describe());
        CurveModel curve = CurveFile.read(curveFile);
        Dataset train = data.loadTrain();
        Dataset test = data.loadTest();
        WorkRunner runner = spark.runner(InProcessRunner.perCore(), "evaluate-curve");
        CurveEvaluation e;
        try {
            System.err.println("points: " + runner.describe());
            e = CurveEvaluator.evaluate(curve, train, test, points, runner, true,
                new TerminalProgress(System.err, "evaluate", 1));
        } finally {
            SparkOption.close(runner);
        }
        print(System.out, e.curve());
        print(System.out, e.line());
        if (Double.isFinite(e.ensembleTestError())) {
            System.out.printf(Locale.ROOT, "ensemble of %d curve points: test error %.2f%% (ends alone %.2f%% and "
                + "%.2f%%, their ensemble %.2f%%)%n", e.ensemblePoints(), e.ensembleTestError(),
                e.curve().points().get(0).testErrorPercent(),
                e.curve().points().get(e.curve().points().size() - 1).testErrorPercent(),
                e.endpointsEnsembleTestError());
        }
        System.out.printf(Locale.ROOT, "%.1f s%n", e.seconds());
        if (csv != null) {
            CurveTables.writeCsv(e, csv);
        }
        if (plot != null) {
            CurvePlot.write(e, curve.curve().type().label(), plot);
        }
        if (summary != null) {
            ObjectNode s = CurveTables.summary(e);
            s.put("backend", ComputeContext.current().describe());
            s.put("runner", runner.describe());
            SummaryFiles.write(s, summary);
        }
        return 0;
    }

    private static void print(PrintStream out, PathProfile p) {
        out.printf(Locale.ROOT, "%-6s max train loss %.4f (barrier %.4f)", p.name(), p.maxTrainLoss(),
            p.barrierTrainLoss());
        if (p.hasTest()) {
            out.printf(Locale.ROOT, ", test error max %.2f%% min %.2f%% (barrier %.2f points)", p.maxTestError(),
                p.minTestError(), p.barrierTestError());
        }
        out.println();
    }
}
