package org.modeconn.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.bench.BenchNetwork;
import org.modeconn.engine.bench.BenchOperation;
import org.modeconn.engine.bench.BenchReport;
import org.modeconn.engine.bench.BenchSettings;
import org.modeconn.engine.bench.Benchmark;
import org.modeconn.engine.bench.PaperNetworksBenchmark;
import org.modeconn.engine.bench.PeakMemory;
import org.modeconn.engine.bench.ScaleBenchmark;
import org.modeconn.engine.curve.CurveFitResult;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.train.TrainingMonitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: the benchmark specification, timed and compared with the reference implementation. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run the benchmark specification (MNIST-10k; MLP, MLPBN, CNN; endpoints, curves, evaluation, FGE, "
        + "plane), print one table with the reference implementation's figures beside ours, and write it as JSON.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--network", paramLabel = "NET", split = ",",
        description = "Networks to run: ${COMPLETION-CANDIDATES} (default: all).")
    List<BenchNetwork> networks;

    @Option(names = "--operation", paramLabel = "OP", split = ",",
        description = "Operations to time: ${COMPLETION-CANDIDATES} (default: the specification's, all but ALIGN; what "
            + "an operation needs runs too).")
    List<BenchOperation> operations;

    @Option(names = "--quick", description = "Fewer epochs, points and grid points, for a quick look.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON here.")
    Path json;

    @Option(names = "--scale", description = "Instead: time one Bezier curve epoch for MLPs of 1, 10 and 50 million "
        + "parameters on synthetic data, with memory against (bends + 3) × parameters × 4 bytes.")
    boolean scale;

    @Option(names = "--scale-sizes", paramLabel = "MILLIONS", split = ",", defaultValue = "1,10,50",
        description = "Parameter counts of --scale, in millions (default ${DEFAULT-VALUE}).")
    List<Double> scaleSizes;

    @Option(names = "--paper-nets", description = "Instead: time one training step and one evaluation batch "
        + "(128 random 3×32×32 images, 10 classes) of the paper's CIFAR networks, and one Bezier curve epoch of "
        + "PreResNet-20 on 1,024 images, with peak memory, beside the reference's figures.")
    boolean paperNets;

    @Option(names = "--paper-networks", paramLabel = "ARCH", split = ";", defaultValue = "vgg16;preresnet:110;wrn:28x10",
        description = "Networks of --paper-nets, separated by ';' (default ${DEFAULT-VALUE}).")
    List<String> paperNetworks;

    @Option(names = "--paper-steps", paramLabel = "N", defaultValue = "3",
        description = "Timed steps per network of --paper-nets (WideResNets take at most 2; default ${DEFAULT-VALUE}).")
    int paperSteps;

    @Option(names = "--concurrent", paramLabel = "N", defaultValue = "1",
        description = "With --paper-nets: also time N identical trainings of each network at once in this process, as "
            + "KNIME runs parallel branches, beside one alone (default ${DEFAULT-VALUE}: alone only).")
    int concurrent;

    @Option(names = "--profile", description = "With --paper-nets: also time each network's training step per kind "
        + "of kernel (forward and backward), beside this machine's matrix-product rate.")
    boolean profile;

    @Option(names = "--spark", description = "Instead: the MNIST CNN's 21×21 plane and the connectivity matrix of "
        + "four CNNs in this process, on Spark's local[2] and on a standalone cluster of two one-core workers started "
        + "on this machine; Spark's overhead, the time of each task, whether the figures are identical, and the hours "
        + "a plane of --paper-networks would take on 1, 8 and 64 workers. Needs Spark on the class path "
        + "(tools/spark-bench.sh).")
    boolean spark;

    @Override
    public Integer call() throws java.io.IOException {
        System.err.println("backend: " + ComputeContext.current().describe());
        if (spark) {
            return spark();
        }
        if (scale) {
            return scale();
        }
        if (paperNets) {
            return paperNets();
        }
        List<BenchNetwork> nets = networks == null ? List.of(BenchNetwork.values()) : networks;
        Set<BenchOperation> ops = operations == null ? BenchOperation.specification() : EnumSet.copyOf(operations);
        BenchSettings settings = quick ? BenchSettings.quick(nets, ops) : BenchSettings.specification(nets, ops);
        Dataset train = EmbeddedMnist.train();
        Dataset test = EmbeddedMnist.test();
        BenchReport report = Benchmark.run(train, test, settings, line -> System.err.println("bench: " + line),
            TrainingMonitor.NONE);
        System.out.print(report.table());
        if (json != null) {
            SummaryFiles.write(report.json(), json);
            System.err.println("figures written to " + json);
        }
        return 0;
    }

    private int paperNets() throws java.io.IOException {
        if (concurrent < 1) {
            throw new InvalidInputException("--concurrent " + concurrent + " is below 1.",
                "Give the number of trainings to run at once, 2 or more (1, the default, times one alone).");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        ArrayNode concurrentOut = Json.MAPPER.createArrayNode();
        ArrayNode profiles = Json.MAPPER.createArrayNode();
        System.out.printf(Locale.ROOT, "%-16s %12s %12s %10s %12s %10s %14s%n", "network", "parameters", "step (s)",
            "× ref", "eval (s)", "× ref", "peak RSS (MB)");
        for (String arch : paperNetworks) {
            int steps = arch.startsWith("wrn") ? Math.min(2, paperSteps) : paperSteps;
            PaperNetworksBenchmark.Row r = PaperNetworksBenchmark.run(List.of(arch), steps,
                line -> System.err.println("paper-nets: " + line)).get(0);
            System.out.printf(Locale.ROOT, "%-16s %,12d %12.3f %10.2f %12.3f %10.2f %14.0f%n", r.network(),
                r.parameters(), r.trainStepSec(), r.trainStepSec() / r.referenceTrainStepSec(), r.evalBatchSec(),
                r.evalBatchSec() / r.referenceEvalBatchSec(), r.peakRssMb());
            out.add(Json.MAPPER.valueToTree(r));
            if (profile) {
                PaperNetworksBenchmark.StepProfile p = PaperNetworksBenchmark.profile(arch, steps,
                    line -> System.err.println("paper-nets: " + line));
                double total = p.byKind().values().stream().mapToDouble(t -> t[0] + t[1]).sum();
                System.out.printf(Locale.ROOT, "  %s: %.1f GFLOP a step in its products; the step of %.3f s runs them "
                    + "at %.0f%% of the matrix product's %.0f GFLOP/s%n", arch, p.stepGflop(), r.trainStepSec(),
                    100 * p.shareOfMatmul(r.trainStepSec()), p.matmulGflops());
                System.out.printf(Locale.ROOT, "  %s per kernel kind (profiled step %.3f s)%n", arch, total);
                p.byKind().forEach((kind, t) -> System.out.printf(Locale.ROOT, "    %-26s forward %7.3f s  backward "
                    + "%7.3f s  %5.1f%%%n", kind, t[0], t[1], 100 * (t[0] + t[1]) / total));
                profiles.add(Json.MAPPER.valueToTree(p));
            }
            if (concurrent > 1) {
                PaperNetworksBenchmark.ConcurrentRow c = PaperNetworksBenchmark.concurrent(arch, concurrent, steps,
                    r.trainStepSec(), line -> System.err.println("paper-nets: " + line));
                System.out.printf(Locale.ROOT, "%-16s %12s %12s %10s %12s %10s %14.0f%n", arch + " ×" + concurrent,
                    "at once", Arrays.stream(c.stepSec()).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v))
                        .collect(java.util.stream.Collectors.joining("/")),
                    String.format(Locale.ROOT, "%.2f× alone", c.throughputVsAlone()), "", "", c.peakRssMb());
                concurrentOut.add(Json.MAPPER.valueToTree(c));
            }
        }
        ObjectNode curve = Json.MAPPER.createObjectNode();
        try (PeakMemory memory = PeakMemory.start()) {
            CurveFitResult fit = PaperNetworksBenchmark.curveEpoch("preresnet:20", 1024,
                line -> System.err.println("paper-nets: " + line));
            double seconds = fit.history().get(0).seconds();
            System.out.printf(Locale.ROOT, "%-16s %,12d %12s %10s %12s %10s %14.0f%n", "preresnet:20 curve",
                fit.curve().layout().trainableSize(), String.format(Locale.ROOT, "%.1f/epoch", seconds), "", "", "",
                memory.rssMb());
            curve.put("network", "preresnet:20");
            curve.put("images", 1024);
            curve.put("bezier_epoch_sec", seconds);
            curve.put("peak_rss_mb", memory.rssMb());
        }
        if (json != null) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.set("paper_networks", out);
            if (concurrent > 1) {
                root.set("concurrent", concurrentOut);
            }
            if (profile) {
                root.set("step_profiles", profiles);
            }
            root.set("curve_epoch", curve);
            root.put("backend", ComputeContext.current().describe());
            SummaryFiles.write(root, json);
        }
        return 0;
    }

    private int spark() throws java.io.IOException {
        Class<?> type = SparkOption.sparkClass("org.modeconn.spark.SparkBenchmark", "bench");
        Path dir = Files.createTempDirectory("modeconn-spark-bench");
        System.err.println("spark: the cluster's files and logs in " + dir);
        Consumer<String> log = line -> System.err.println("spark: " + line);
        ObjectNode figures;
        try {
            figures = (ObjectNode) type.getMethod("run", boolean.class, Path.class, List.class, PrintStream.class,
                Consumer.class).invoke(null, quick, dir, paperNetworks, System.out, log);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the Spark benchmark failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Spark benchmark of this build does not start", e);
        }
        if (json != null) {
            SummaryFiles.write(figures, json);
            System.err.println("figures written to " + json);
        }
        return 0;
    }

    private int scale() throws java.io.IOException {
        List<Long> sizes = new ArrayList<>();
        scaleSizes.forEach(m -> sizes.add(Math.round(m * 1e6)));
        List<ScaleBenchmark.Row> rows = ScaleBenchmark.run(sizes, line -> System.err.println("scale: " + line));
        System.out.printf(Locale.ROOT, "%14s %8s %12s %14s %14s %16s %16s%n", "parameters", "width", "epoch (s)",
            "s / million", "peak RSS (MB)", "outside heap (MB)", "(b+3)·P·4 (MB)");
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (ScaleBenchmark.Row r : rows) {
            System.out.printf(Locale.ROOT, "%,14d %8d %12.2f %14.3f %14.0f %14.0f %16.0f%n", r.parameters(), r.width(),
                r.seconds(), r.secondsPerMillion(), r.peakRssMb(), r.peakOffHeapMb(), r.expectedMb());
            out.add(Json.MAPPER.valueToTree(r));
        }
        if (json != null) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.set("scale", out);
            SummaryFiles.write(root, json);
        }
        return 0;
    }
}
