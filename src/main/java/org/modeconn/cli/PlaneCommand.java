package org.modeconn.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.plane.RandomPlane;
import org.modeconn.engine.report.LineSlicePlot;
import org.modeconn.engine.report.PlaneHeatMap;
import org.modeconn.engine.report.PlaneTables;
import org.modeconn.engine.work.WorkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plane}: loss and error on the plane through three weight vectors. */
@Command(name = "plane", mixinStandardHelpOptions = true,
    description = "Slice the loss surface along the plane through a curve's ends and middle bend (or three "
        + "networks), with the curve drawn on it; or along two random filter-normalised directions around one "
        + "network; or, in 1-D, along one such direction or the line between two networks.")
final class PlaneCommand implements Callable<Integer> {

    @Option(names = "--curve", paramLabel = "C.curve", description = "The curve whose plane to slice.")
    Path curveFile;

    @Option(names = "--points", arity = "3", paramLabel = "X.net",
        description = "Three networks spanning the plane instead (w1, θ, w2).")
    List<Path> points;

    @Option(names = "--around", paramLabel = "N.net", description = "Instead: the plane of two random, "
        + "filter-normalised directions around this network (Li et al., 2018).")
    Path around;

    @Option(names = "--between", arity = "2", paramLabel = "X.net", description = "Instead: a 1-D slice along the "
        + "straight line between two networks, from -margin to 1 + margin of the way.")
    List<Path> between;

    @Option(names = "--line", description = "With --around: a 1-D slice along one random direction instead of a "
        + "plane of two.")
    boolean line;

    @Option(names = "--direction-seed", defaultValue = "1", paramLabel = "S",
        description = "With --around: the seed of the two directions (default ${DEFAULT-VALUE}).")
    long directionSeed;

    @Option(names = "--reach", defaultValue = "" + RandomPlane.DEFAULT_RANGE, paramLabel = "R",
        description = "With --around: the grid runs from -R to R along each direction (default ${DEFAULT-VALUE}).")
    double reach;

    @Option(names = "--move-bias-bn", description = "With --around: move biases and BatchNorm's gamma and beta "
        + "too (by their own values); by default only the weights move.")
    boolean moveBiasAndBatchNorm;

    @Mixin
    DataOptions data;

    @Mixin
    SparkOption spark;

    @Option(names = "--grid", defaultValue = "21", description = "Points per axis (default ${DEFAULT-VALUE}).")
    int grid;

    @Option(names = "--margin", defaultValue = "0.2",
        description = "How far beyond the points the grid reaches (default ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--train-subset", defaultValue = "0", paramLabel = "N",
        description = "Use the first N training examples for the train loss and BatchNorm statistics (default: all).")
    int trainSubset;

    @Option(names = "--workers", paramLabel = "N", description = "Grid points evaluated at once (default: cores, ≤ 4).")
    Integer workers;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the grid here.")
    Path csv;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Write the heat map here.")
    Path plot;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a JSON summary here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        int planes = (curveFile != null ? 1 : 0) + (points != null ? 1 : 0) + (around != null ? 1 : 0)
            + (between != null ? 1 : 0);
        if (planes != 1) {
            throw new InvalidInputException("Give one of --curve, --points, --around and --between, " + (planes == 0
                ? "not none." : "not several."), "Use --curve C.curve, --points A.net B.net C.net, --around N.net, "
                    + "or --between A.net B.net.");
        }
        if (line && around == null) {
            throw new InvalidInputException("--line slices along one random direction, which needs --around.",
                "Add --around N.net, or use --between A.net B.net for the line between two networks.");
        }
        PlaneSettings inProcess = new PlaneSettings(grid, margin, trainSubset, 61,
            workers == null ? PlaneSettings.defaultWorkers() : workers);
        System.err.println("backend: " + ComputeContext.current().describe());
        Dataset train = data.loadTrain();
        WorkRunner runner = spark.runner(inProcess.runner(), "plane");
        try {
            return slice(inProcess.withRunner(runner), train);
        } finally {
            SparkOption.close(runner);
        }
    }

    private Integer slice(PlaneSettings settings, Dataset train) throws IOException {
        System.err.println("grid points: " + settings.runner().describe());
        Dataset test = data.loadTest();
        TerminalProgress progress = new TerminalProgress(System.err, "plane", 1);
        RandomPlane random = new RandomPlane(directionSeed, reach, moveBiasAndBatchNorm);
        PlaneResult r = between != null
            ? PlaneSlicer.lineBetween(NetworkFile.read(between.get(0)), NetworkFile.read(between.get(1)), train, test,
                settings, progress)
            : around != null && line ? PlaneSlicer.lineAround(NetworkFile.read(around), train, test, settings, random,
                progress)
            : around != null ? PlaneSlicer.sliceAround(NetworkFile.read(around), train, test, settings, random, progress)
            : curveFile != null ? PlaneSlicer.slice(CurveFile.read(curveFile), train, test, settings, progress)
            : PlaneSlicer.slice(NetworkFile.read(points.get(0)), NetworkFile.read(points.get(1)),
                NetworkFile.read(points.get(2)), train, test, settings, progress);
        ObjectNode s = PlaneTables.summary(r);
        System.out.printf(Locale.ROOT, "%s: %s; train loss %.4f to %.4f on %d examples%s; %.1f s%n", r.isLine()
            ? "line of " + grid + " points" : "plane " + grid + " x " + grid, r.isLine() ? String.format(Locale.ROOT,
                "direction of length %.2f", r.lengthU()) : around != null ? String.format(Locale.ROOT, "directions of norm %.2f and %.2f around the network",
                r.lengthU(), r.lengthV()) : String.format(Locale.ROOT, "|w2 - w1| = %.2f, middle point %.2f off the line",
                    r.lengthU(), r.lengthV()),
            s.get("min_train_loss").asDouble(), s.get("max_train_loss").asDouble(), r.trainExamples(),
            r.hasTest() ? String.format(Locale.ROOT, ", test error %.2f%% to %.2f%%", s.get("min_test_error")
                .asDouble(), s.get("max_test_error").asDouble()) : "", r.seconds());
        if (csv != null) {
            PlaneTables.writeCsv(r, csv);
        }
        if (plot != null) {
            if (r.isLine()) {
                LineSlicePlot.write(r, plot);
            } else {
                PlaneHeatMap.write(r, plot);
            }
        }
        if (summary != null) {
            s.put("backend", ComputeContext.current().describe());
            s.put("runner", settings.runner().describe());
            SummaryFiles.write(s, summary);
        }
        return 0;
    }
}
