package org.modeconn.engine.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.engine.align.WeightMatcher;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveFitResult;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleAccumulator;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.ensemble.FastGeometricEnsembling;
import org.modeconn.engine.ensemble.FgeSettings;
import org.modeconn.engine.io.CurveFile;
import org.modeconn.engine.io.EnsembleFile;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;
import org.modeconn.engine.plane.RandomPlane;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.report.AlignmentReport;
import org.modeconn.engine.report.CurvePlot;
import org.modeconn.engine.report.CurveTables;
import org.modeconn.engine.report.FgePlot;
import org.modeconn.engine.report.PlaneHeatMap;
import org.modeconn.engine.report.PlaneTables;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.SeedTrainings;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;

/**
 * Runs the whole method of the paper on one data set and writes a report folder: two endpoints, a curve
 * between them and its profile against the straight line, FGE from the first endpoint's checkpoint
 * against the single network and the two endpoints' ensemble, the line to the second endpoint aligned to the
 * first by weight matching, the plane of the curve, and the plane of two random directions around the first
 * endpoint.
 */
public final class MethodPipeline {

    /** The name of the line from endpoint 1 to endpoint 2 aligned, in the tables. */
    static final String ALIGNED_LINE = "aligned line";

    private MethodPipeline() {
    }

    /**
     * @param train training data
     * @param test test data (required: the report compares test errors)
     * @param settings what to run
     * @param out the report folder (created)
     * @param log one line per step, for the user
     * @param monitor progress of each step and cancellation
     */
    public static PipelineResult run(Dataset train, Dataset test, PipelineSettings settings, Path out,
            Consumer<String> log, TrainingMonitor monitor) {
        return run(train, test, settings, InProcessRunner.perCore(), out, log, monitor);
    }

    /**
     * As {@link #run(Dataset, Dataset, PipelineSettings, Path, Consumer, TrainingMonitor)}, the independent items
     * computed by {@code runner}: the points of the evaluations and the planes and, where the runner is not this
     * process (a Spark cluster), the two endpoints' trainings as two items. The curve fit, the alignment and FGE
     * run here.
     */
    public static PipelineResult run(Dataset train, Dataset test, PipelineSettings settings, WorkRunner runner,
            Path out, Consumer<String> log, TrainingMonitor monitor) {
        long started = System.nanoTime();
        ArchitectureSpec arch = ArchitectureParser.parse(settings.architecture());
        int checkpoint = settings.epochs() - settings.fgeEpochs();
        TrainingResult first;
        TrainingResult second;
        if (runner instanceof InProcessRunner) {
            // one after the other with every thread, each reporting its batches
            log.accept("1/7 training endpoint 1 (seed 1, " + settings.epochs() + " epochs)");
            first = EndpointTrainer.train(arch, train, test, endpoint(settings, 1, checkpoint), monitor);
            log.accept("2/7 training endpoint 2 (seed 2)");
            second = EndpointTrainer.train(arch, train, test, endpoint(settings, 2, 0), monitor);
        } else {
            log.accept("1-2/7 training endpoints 1 and 2 (seeds 1 and 2, " + settings.epochs() + " epochs) on "
                + runner.describe());
            List<SeedTrainings.Trained> both = runner.run(new SeedTrainings(arch, train, test,
                endpoint(settings, 1, checkpoint), new long[] {1, 2}), monitor);
            first = both.get(0).result();
            second = both.get(1).result();
        }
        NetworkFile.write(first.network(), out.resolve("endpoint-1.net"));
        NetworkFile.write(second.network(), out.resolve("endpoint-2.net"));
        NetworkFile.write(first.checkpoint().orElseThrow(), out.resolve("endpoint-1-epoch" + checkpoint + ".net"));
        Metrics ind = EnsembleAccumulator.ensembleOf(List.of(first.network(), second.network()), test);

        log.accept("3/7 fitting a " + settings.curveType().label() + " curve (" + settings.curveEpochs() + " epochs)");
        CurveFitSettings curveSettings = CurveFitSettings.benchmark(settings.curveType(), settings.curveEpochs(), 1)
            .withAugmentation(settings.augmentation());
        CurveFitResult curve = CurveFitter.fit(first.network(), second.network(), train, curveSettings, monitor);
        CurveFile.write(curve.curve(), out.resolve("curve.curve"));

        log.accept("4/7 evaluating the curve and the line at " + settings.curvePoints() + " points");
        CurveEvaluation evaluation = CurveEvaluator.evaluate(curve.curve(), train, test, settings.curvePoints(),
            runner, true, monitor);
        CurveTables.writeCsv(evaluation, out.resolve("curve.csv"));
        CurvePlot.write(evaluation, settings.curveType().label(), out.resolve("curve.png"));

        log.accept("5/7 aligning endpoint 2 to endpoint 1 (weight matching) and measuring the line to it");
        Alignment alignment = WeightMatcher.align(first.network(), second.network(), AlignmentSettings.defaults(),
            monitor);
        NetworkFile.write(alignment.aligned(), out.resolve("endpoint-2-aligned.net"));
        AlignmentReport.writeCsv(alignment, out.resolve("alignment.csv"));
        PathProfile measured = CurveEvaluator.line(first.network(), alignment.aligned(), train, test,
            settings.curvePoints(), runner, monitor);
        PathProfile alignedLine = new PathProfile(ALIGNED_LINE, measured.points(), measured.arcLengths());
        CurveTables.writeCsv(List.of(evaluation.line(), alignedLine, evaluation.curve()),
            out.resolve("aligned-line.csv"));
        CurvePlot.writePaths(List.of(evaluation.line(), alignedLine, evaluation.curve()), List.of("line",
            "line to endpoint 2 aligned", settings.curveType().label() + " curve"), out.resolve("aligned-line.png"));

        log.accept("6/7 FGE from the checkpoint after epoch " + checkpoint + " (" + settings.fgeEpochs() + " epochs)");
        int batches = (train.numExamples() + 127) / 128;
        int cycle = settings.fgeCycleIterations() > 0 ? settings.fgeCycleIterations() : Math.max(2, batches / 2);
        FgeSettings fgeSettings = new FgeSettings(settings.fgeEpochs(), 0, cycle, SgdSettings.LEARNING_RATE,
            SgdSettings.FGE_LOW_RATE, SgdSettings.MOMENTUM, SgdSettings.WEIGHT_DECAY, 128, 1,
            settings.augmentation());
        EnsembleRunResult fge = FastGeometricEnsembling.run(first.checkpoint().orElseThrow(), train, test,
            fgeSettings, monitor);
        EnsembleFile.write(fge.ensemble(), out.resolve("fge.ens"));
        FgePlot.write(fge, out.resolve("fge.png"));

        log.accept("7/7 slicing the plane of the curve, then two random directions around endpoint 1 ("
            + settings.planeGrid() + " x " + settings.planeGrid() + " each)");
        PlaneSettings planeSettings = new PlaneSettings(settings.planeGrid(), 0.2, settings.planeTrainSubset(), 61,
            PlaneSettings.defaultWorkers()).withRunner(runner);
        PlaneResult plane = PlaneSlicer.slice(curve.curve(), train, test, planeSettings, monitor);
        PlaneTables.writeCsv(plane, out.resolve("plane.csv"));
        PlaneHeatMap.write(plane, out.resolve("plane.png"));
        // The same grid around endpoint 1 along two random filter-normalised directions: the view of the
        // loss-landscape literature, beside the plane that holds a low-loss path.
        PlaneResult around = PlaneSlicer.sliceAround(first.network(), train, test, planeSettings,
            new RandomPlane(1, RandomPlane.DEFAULT_RANGE, false), monitor);
        PlaneTables.writeCsv(around, out.resolve("random-directions.csv"));
        PlaneHeatMap.write(around, out.resolve("random-directions.png"));

        PipelineResult result = new PipelineResult(first, second, ind, curve.seconds(), evaluation, alignment,
            alignedLine, fge, plane, around, runner.describe(), (System.nanoTime() - started) / 1e9);
        PipelineReport.write(result, settings, train, test, out);
        return result;
    }

    private static TrainingSettings endpoint(PipelineSettings s, long seed, int checkpoint) {
        TrainingSettings b = TrainingSettings.benchmark(s.epochs(), seed, checkpoint);
        return new TrainingSettings(b.epochs(), b.batchSize(), b.sgd(), b.schedule(), seed, s.scaling(), checkpoint,
            s.augmentation());
    }
}
