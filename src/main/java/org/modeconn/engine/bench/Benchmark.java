package org.modeconn.engine.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.modeconn.engine.align.ActivationRepair;
import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.engine.align.WeightMatcher;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveFitResult;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleAccumulator;
import org.modeconn.engine.merge.MergeSettings;
import org.modeconn.engine.merge.NetworkMerger;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.ensemble.FastGeometricEnsembling;
import org.modeconn.engine.ensemble.FgeSettings;
import org.modeconn.engine.ensemble.SnapshotRecord;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.ParallelPoints;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.engine.train.TrainingSettings;

/**
 * Runs BENCHMARK.md: for each network two endpoints, the Bezier curve and the polygonal chain, their
 * evaluation against the line, FGE from the checkpoint, and (MLP) the plane; times each operation as the
 * specification says (median seconds per epoch, whole seconds for evaluation and plane, data loading
 * excluded) and collects the quality figures.
 */
public final class Benchmark {

    private Benchmark() {
    }

    /**
     * @param train the benchmark's training data (MNIST-10k, 8,004 digits)
     * @param test its test data (1,996 digits)
     * @param settings networks, operations, sizes
     * @param log one line per step
     * @param monitor progress and cancellation
     */
    public static BenchReport run(Dataset train, Dataset test, BenchSettings settings, Consumer<String> log,
            TrainingMonitor monitor) {
        List<BenchReport.Entry> entries = new ArrayList<>();
        for (BenchNetwork network : settings.networks()) {
            try (PeakMemory memory = PeakMemory.start()) {
                NetworkFigures f = runOne(network, train, test, settings, log, monitor);
                f.put("peak_rss_mb", memory.rssMb());
                f.put("peak_heap_mb", memory.heapMb());
                f.put("peak_offheap_mb", memory.offHeapMb());
                entries.add(new BenchReport.Entry(network, f));
            }
        }
        return new BenchReport(settings, entries);
    }

    private static NetworkFigures runOne(BenchNetwork network, Dataset train, Dataset test, BenchSettings s,
            Consumer<String> log, TrainingMonitor monitor) {
        Set<BenchOperation> ops = s.operations();
        NetworkFigures f = new NetworkFigures();
        ArchitectureSpec arch = ArchitectureParser.parse(network.architecture());
        log.accept(network + ": endpoints (seeds 1 and 2, " + s.epochs() + " epochs)");
        TrainingResult first = EndpointTrainer.train(arch, train, test, endpoint(s, 1, s.checkpointEpoch()), monitor);
        TrainingResult second = EndpointTrainer.train(arch, train, test, endpoint(s, 2, 0), monitor);
        f.put("parameters", first.network().trainableParameterCount());
        f.put("endpoint_sec_per_epoch", median(first.history(), second.history()));
        f.put("endpoint_test_error_seed1", first.finalTest().errorPercent());
        f.put("endpoint_test_error_seed2", second.finalTest().errorPercent());

        boolean plane = ops.contains(BenchOperation.PLANE) && network == BenchNetwork.MLP;
        CurveModel bezier = null;
        CurveModel chain = null;
        if (ops.contains(BenchOperation.CURVE) || ops.contains(BenchOperation.EVAL) || plane) {
            log.accept(network + ": Bezier curve (" + s.curveEpochs() + " epochs)");
            CurveFitResult r = CurveFitter.fit(first.network(), second.network(), train, curve(s, CurveType.BEZIER),
                monitor);
            bezier = r.curve();
            f.put("curve_sec_per_epoch", median(r.history()));
        }
        if (ops.contains(BenchOperation.POLYCHAIN) || ops.contains(BenchOperation.EVAL)) {
            log.accept(network + ": polygonal chain (" + s.curveEpochs() + " epochs)");
            CurveFitResult r = CurveFitter.fit(first.network(), second.network(), train,
                curve(s, CurveType.POLYCHAIN), monitor);
            chain = r.curve();
            f.put("polychain_sec_per_epoch", median(r.history()));
        }
        if (ops.contains(BenchOperation.EVAL)) {
            log.accept(network + ": evaluating both curves and the line at " + s.evalPoints() + " points");
            int workers = ParallelPoints.defaultWorkers();
            CurveEvaluation b = CurveEvaluator.evaluate(bezier, train, test, s.evalPoints(), workers, false, monitor);
            CurveEvaluation c = CurveEvaluator.evaluate(chain, train, test, s.evalPoints(), workers, false, monitor);
            CurveEvaluation l = CurveEvaluator.evaluate(CurveModel.line(first.network(), second.network()), train,
                test, s.evalPoints(), workers, false, monitor);
            f.put("eval_bezier_sec", b.seconds()).put("eval_polychain_sec", c.seconds())
                .put("eval_line_sec", l.seconds()).put("eval_sec", b.seconds() + c.seconds() + l.seconds());
            maxima(f, "bezier", b.curve());
            maxima(f, "polychain", c.curve());
            maxima(f, "line", l.curve());
        }
        if (ops.contains(BenchOperation.FGE)) {
            log.accept(network + ": FGE from epoch " + s.checkpointEpoch() + " (" + s.fgeEpochs() + " epochs)");
            EnsembleRunResult r = FastGeometricEnsembling.run(first.checkpoint().orElseThrow(), train, test,
                new FgeSettings(s.fgeEpochs(), 2, 0, 0.05, 0.0005, 0.9, 5e-4, 128, 1), monitor);
            // The reference's fge.py times its training loop alone (its snapshots take no BatchNorm
            // recomputation and come after the clock stops): the training figure leaves snapshot work out, the
            // snapshot figure gives it.
            f.put("fge_sec_per_epoch", meanTrainingSeconds(r));
            f.put("fge_snapshot_sec", r.snapshots().stream().mapToDouble(SnapshotRecord::seconds).average().orElse(0));
            f.put("fge_ensemble_test_error", r.ensembleTestError());
            f.put("swa_test_error", r.swaTestError());
            f.put("single_test_error", first.finalTest().errorPercent());
            f.put("ind_test_error",
                EnsembleAccumulator.ensembleOf(List.of(first.network(), second.network()), test).errorPercent());
        }
        if (ops.contains(BenchOperation.ALIGN)) {
            align(network, first.network(), second.network(), ops.contains(BenchOperation.EVAL), train, test, s, f,
                log, monitor);
        }
        if (ops.contains(BenchOperation.MERGE)) {
            log.accept(network + ": merging seeds 1 and 2 (seed 2 aligned to seed 1, weights averaged)");
            long start = System.nanoTime();
            Network merged = NetworkMerger.merge(List.of(first.network(), second.network()), train, null,
                MergeSettings.of(false), monitor).merged();
            f.put("merge_sec", (System.nanoTime() - start) / 1e9);
            f.put("merged_test_error", EnsembleAccumulator.ensembleOf(List.of(merged), test).errorPercent());
            f.put("ind_test_error",
                EnsembleAccumulator.ensembleOf(List.of(first.network(), second.network()), test).errorPercent());
        }
        if (plane) {
            log.accept(network + ": plane of the Bezier curve, " + s.planeGrid() + " x " + s.planeGrid());
            PlaneResult r = PlaneSlicer.slice(bezier, train, test, new PlaneSettings(s.planeGrid(), 0.2,
                s.planeTrainSubset(), 61, PlaneSettings.defaultWorkers()), monitor);
            f.put("plane_sec", r.seconds());
        }
        return f;
    }

    /**
     * Aligns {@code second} to {@code first}, and measures the line (unless EVAL has), the line to the aligned
     * network and a Bezier curve fitted to it.
     */
    private static void align(BenchNetwork network, Network first, Network second, boolean lineMeasured,
            Dataset train, Dataset test, BenchSettings s, NetworkFigures f, Consumer<String> log,
            TrainingMonitor monitor) {
        log.accept(network + ": weight matching of seed 2 to seed 1");
        long start = System.nanoTime();
        Alignment alignment = WeightMatcher.align(first, second, AlignmentSettings.defaults(), monitor);
        f.put("align_sec", (System.nanoTime() - start) / 1e9);
        f.put("align_sweeps", alignment.sweeps());
        if (!lineMeasured) {
            barriers(f, "line", CurveEvaluator.line(first, second, train, test, s.evalPoints(), monitor));
        }
        log.accept(network + ": the line and a Bezier curve (" + s.curveEpochs() + " epochs) to the aligned network");
        barriers(f, "aligned_line", CurveEvaluator.line(first, alignment.aligned(), train, test, s.evalPoints(),
            monitor));
        if (!first.spec().architecture().hasBatchNorm()) {
            log.accept(network + ": the line to the aligned network with REPAIR");
            barriers(f, "aligned_repair_line", ActivationRepair.of(first, alignment.aligned(), train).line(test,
                s.evalPoints(), monitor));
        }
        CurveModel bezier = CurveFitter.fit(first, alignment.aligned(), train, curve(s, CurveType.BEZIER), monitor)
            .curve();
        barriers(f, "aligned_bezier", CurveEvaluator.evaluate(bezier, train, test, s.evalPoints(),
            ParallelPoints.defaultWorkers(), false, monitor).curve());
    }

    private static void maxima(NetworkFigures f, String path, PathProfile p) {
        f.put(path + "_max_test_error", p.maxTestError());
        f.put(path + "_max_train_loss", p.maxTrainLoss());
        barriers(f, path, p);
    }

    /** The highest test error and train loss above the mean of the path's ends. */
    private static void barriers(NetworkFigures f, String path, PathProfile p) {
        f.put(path + "_barrier_test_error", p.barrierTestError());
        f.put(path + "_barrier_train_loss", p.barrierTrainLoss());
    }

    private static TrainingSettings endpoint(BenchSettings s, long seed, int checkpoint) {
        return TrainingSettings.benchmark(s.epochs(), seed, checkpoint);
    }

    private static CurveFitSettings curve(BenchSettings s, CurveType type) {
        return CurveFitSettings.benchmark(type, s.curveEpochs(), 1);
    }

    /** The median of the epochs' seconds, over one or more runs. */
    /** Mean seconds per epoch of an ensemble run's training steps, without the snapshots' work (as the reference). */
    static double meanTrainingSeconds(EnsembleRunResult r) {
        double snapshots = r.snapshots().stream().mapToDouble(SnapshotRecord::seconds).sum();
        double epochs = r.history().stream().mapToDouble(EpochRecord::seconds).sum();
        return (epochs - snapshots) / r.history().size();
    }

    @SafeVarargs
    static double median(List<EpochRecord>... histories) {
        List<Double> seconds = new ArrayList<>();
        for (List<EpochRecord> h : histories) {
            h.forEach(r -> seconds.add(r.seconds()));
        }
        Collections.sort(seconds);
        int n = seconds.size();
        return n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
    }
}
