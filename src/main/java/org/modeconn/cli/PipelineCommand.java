package org.modeconn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.pipeline.MethodPipeline;
import org.modeconn.engine.pipeline.PipelineResult;
import org.modeconn.engine.pipeline.PipelineSettings;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline}: the whole method in one run, with a report folder. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Run the whole method: two endpoints, a curve between them and its evaluation against the "
        + "straight line, FGE, and the plane of the curve; write every file, table and figure and an index.html.")
final class PipelineCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    ScalingOption scaling;

    @Mixin
    AugmentationOption augment;

    @Mixin
    SparkOption spark;

    @Option(names = "--arch", defaultValue = "mlp:512,512", description = "Architecture (default ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--epochs", defaultValue = "20", description = "Endpoint epochs, the budget (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--curve", defaultValue = "bezier", description = "bezier or polychain (default ${DEFAULT-VALUE}).")
    String curve;

    @Option(names = "--curve-epochs", defaultValue = "20", description = "Curve epochs (default ${DEFAULT-VALUE}).")
    int curveEpochs;

    @Option(names = "--points", defaultValue = "31", description = "Points along the curve (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--fge-epochs", defaultValue = "4",
        description = "FGE epochs, taken from the end of endpoint 1's budget (default ${DEFAULT-VALUE}).")
    int fgeEpochs;

    @Option(names = "--fge-cycle-iterations", defaultValue = "0",
        description = "FGE cycle in iterations (default: half an epoch).")
    int fgeCycle;

    @Option(names = "--plane-grid", defaultValue = "21", description = "Plane grid per axis (default ${DEFAULT-VALUE}).")
    int planeGrid;

    @Option(names = "--plane-train-subset", defaultValue = "4000",
        description = "Training examples for the plane's train loss, 0 for all (default ${DEFAULT-VALUE}).")
    int planeSubset;

    @Option(names = "--out", defaultValue = "report", description = "The report folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary JSON here.")
    Path summary;

    @Override
    public Integer call() throws IOException {
        PipelineSettings settings = new PipelineSettings(arch, epochs, CurveType.parse(curve), curveEpochs, points,
            fgeEpochs, fgeCycle, planeGrid, planeSubset, scaling.mode(), augment.augmentation());
        System.err.println("backend: " + ComputeContext.current().describe());
        Dataset train = data.loadTrain();
        Dataset test = data.loadTest();
        if (test == null) {
            throw new InvalidInputException("The pipeline compares test errors, but there is no test data.",
                "Give --test with a test file (the embedded data brings its own test split).");
        }
        Files.createDirectories(out);
        WorkRunner runner = spark.runner(InProcessRunner.perCore(), "pipeline");
        PipelineResult r;
        try {
            r = MethodPipeline.run(train, test, settings, runner, out, line -> System.err.println(line),
                new TerminalProgress(System.err, " ", 0));
        } finally {
            SparkOption.close(runner);
        }
        System.out.printf(Locale.ROOT, "endpoints %.2f%% and %.2f%% test error; line barrier %.2f points, aligned "
            + "line %.2f, curve %.2f; single %.2f%%, FGE %.2f%% (%d snapshots), SWA %.2f%%, Ind %.2f%%; %.0f s%n",
            r.first().finalTest().errorPercent(), r.second().finalTest().errorPercent(),
            r.evaluation().line().barrierTestError(), r.alignedLine().barrierTestError(),
            r.evaluation().curve().barrierTestError(),
            r.first().finalTest().errorPercent(), r.fge().ensembleTestError(), r.fge().snapshots().size(),
            r.fge().swaTestError(),
            r.independentEnsemble().errorPercent(), r.seconds());
        System.out.println("report: " + out.resolve("index.html").toAbsolutePath());
        if (summary != null) {
            Files.createDirectories(summary.toAbsolutePath().getParent());
            Files.copy(out.resolve("summary.json"), summary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return 0;
    }
}
