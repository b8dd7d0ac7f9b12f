package org.modeconn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.report.ConnectivityReport;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code connectivity}: the line barrier of every pair of many networks. */
@Command(name = "connectivity", mixinStandardHelpOptions = true,
    description = "Measure the straight line between every pair of networks (or of an ensemble's members) and "
        + "give the matrix of their barriers.")
final class ConnectivityCommand implements Callable<Integer> {

    @Option(names = "--networks", arity = "2..*", paramLabel = "N.net", description = "Two or more networks.")
    List<Path> networks;

    @Option(names = "--ensemble", paramLabel = "E.ens", description = "Instead: the members of an ensemble.")
    Path ensemble;

    @Mixin
    DataOptions data;

    @Mixin
    SparkOption spark;

    @Option(names = "--points", defaultValue = "" + ConnectivityMatrix.DEFAULT_POINTS,
        description = "Points of t along each line (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--curve-epochs", defaultValue = "0", paramLabel = "EPOCHS",
        description = "Also fit a Bezier curve (3 bends, the paper's settings) for this many epochs between every pair "
            + "and give its barriers beside the line's (default ${DEFAULT-VALUE}: lines only). Each pair is a fit.")
    int curveEpochs;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write one row per pair here.")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the heat map here.")
    Path plot;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        if ((networks == null) == (ensemble == null)) {
            throw new InvalidInputException("Give either --networks or --ensemble, " + (networks == null
                ? "not neither." : "not both."), "Use --networks A.net B.net ..., or --ensemble E.ens.");
        }
        if (curveEpochs < 0) {
            throw new InvalidInputException("--curve-epochs " + curveEpochs + " is negative.",
                "Give 0 for lines only, or the epochs of each pair's curve fit (for example 2).");
        }
        CurveEvaluator.requirePoints(points);
        System.err.println("backend: " + ComputeContext.current().describe());
        Dataset train = data.loadTrain();
        Dataset test = data.loadTest();
        TerminalProgress progress = new TerminalProgress(System.err, "connectivity", 1);
        List<Network> read = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (ensemble != null) {
            EnsembleModel e = EnsembleFile.read(ensemble);
            read.addAll(e.members());
            names.addAll(ConnectivityMatrix.memberNames(e.size()));
        } else {
            for (Path p : networks) {
                read.add(NetworkFile.read(p));
                names.add(p.getFileName().toString());
            }
        }
        WorkRunner runner = spark.runner(InProcessRunner.perCore(), "connectivity");
        ConnectivityMatrix m;
        ConnectivityMatrix curves;
        try {
            System.err.println("pairs: " + runner.describe());
            m = ConnectivityMatrix.ofLines(read, names, train, test, points, runner, progress);
            curves = curveEpochs <= 0 ? null : ConnectivityMatrix.ofCurves(read, names, train, test, points,
                ConnectivityMatrix.pairCurveFit(curveEpochs), runner, new TerminalProgress(System.err, "curves", 1));
        } finally {
            SparkOption.close(runner);
        }
        print(m, "line");
        if (curves != null) {
            print(curves, "Bezier curve (" + curveEpochs + " epochs)");
        }
        if (csv != null) {
            ConnectivityReport.writeCsv(m, curves, csv);
        }
        if (plot != null) {
            ConnectivityReport.writeHeatMap(m, plot);
            if (curves != null) {
                String name = plot.getFileName().toString().replaceFirst("\\.png$", "");
                ConnectivityReport.writeHeatMap(curves, "Curve", plot.resolveSibling(name + "-curves.png"));
            }
        }
        if (summary != null) {
            var s = ConnectivityReport.summary(m);
            if (curves != null) {
                s.set("curves", ConnectivityReport.summary(curves));
                s.put("curve_epochs", curveEpochs);
            }
            s.put("backend", ComputeContext.current().describe());
            s.put("runner", runner.describe());
            SummaryFiles.write(s, summary);
        }
        return 0;
    }

    private static void print(final ConnectivityMatrix m, final String paths) {
        double[][] shown = m.hasTest() ? m.barrierTestError() : m.barrierTrainLoss();
        System.out.println(paths + " barriers, " + (m.hasTest() ? "test error (points):" : "train loss:"));
        int width = m.names().stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < shown.length; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", m.names().get(i)));
            for (double v : shown[i]) {
                row.append(String.format(Locale.ROOT, " %8.3f", v));
            }
            System.out.println(row);
        }
    }
}
