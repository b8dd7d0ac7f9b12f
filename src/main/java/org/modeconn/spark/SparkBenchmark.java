package org.modeconn.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.bench.PaperNetworksBenchmark;
import org.modeconn.engine.bench.RunnerBenchmark;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code bench --spark}: the plane and the connectivity matrix of {@link RunnerBenchmark} in this process, on Spark
 * in this process ({@code local[2]}) and on a standalone cluster of two one-core workers on this machine; their
 * times, Spark's overhead against the in-process run, the time of each task (from Spark's own task metrics), whether
 * the figures are bit-identical, and what a plane of the paper's networks would take on 1, 8 and 64 workers.
 */
public final class SparkBenchmark {

    /** Task slots of every run: two workers of one core, or Spark's local[2], or two workers in this process. */
    private static final int SLOTS = 2;
    private static final int[] PROJECTED_WORKERS = {1, 8, 64};
    /** The paper's plane: 21 × 21 points. */
    private static final int PAPER_PLANE_POINTS = 21 * 21;
    /** The network a projection assumes between workers: 10 Gbit/s Ethernet, as bytes per second. */
    private static final double NETWORK_BYTES_PER_SEC = 1.25e9;

    private SparkBenchmark() {
    }

    /**
     * Runs the benchmark, prints its tables to {@code out} and returns its figures.
     *
     * @param quick small sizes, for a quick look
     * @param dir where the standalone cluster keeps its files and logs
     * @param paperNetworks the networks of the projection (architecture texts)
     */
    public static ObjectNode run(boolean quick, Path dir, List<String> paperNetworks, PrintStream out,
            Consumer<String> log) throws IOException, InterruptedException {
        RunnerBenchmark.Settings settings = quick ? RunnerBenchmark.Settings.quick()
            : RunnerBenchmark.Settings.specification();
        Path applicationJar = applicationJar();
        Dataset train = EmbeddedMnist.train();
        Dataset test = EmbeddedMnist.test();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("backend", ComputeContext.current().describe());
        root.set("settings", Json.MAPPER.valueToTree(settings));

        List<Run> runs = new ArrayList<>();
        List<Network> networks;
        // every item computes with one thread, as a task of spark.task.cpus = 1 does: the figures compare bit for bit
        try (ComputeContext oneThread = ComputeContext.open(ComputeContext.current().options().withThreads(1))) {
            log.accept("training the " + RunnerBenchmark.NETWORKS + " CNNs (" + settings.trainEpochs() + " epochs)");
            networks = RunnerBenchmark.networks(train, test, settings, new InProcessRunner(SLOTS),
                TrainingMonitor.NONE);
            log.accept("in process: " + SLOTS + " workers, " + oneThread.describe());
            runs.add(measure("in process (2 workers × 1 thread)", 0, new InProcessRunner(SLOTS), null, networks,
                train, test, settings, log));
        }
        runs.add(onSpark("Spark local[2]", new SparkConf().setMaster("local[" + SLOTS + "]"), networks, train, test,
            settings, log));
        try (StandaloneCluster cluster = StandaloneCluster.start(StandaloneCluster.jarsOfThisClassPath(),
                dir.resolve("cluster"), SLOTS, 1, "3g")) {
            SparkConf conf = new SparkConf().setMaster(cluster.url()).set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.executor.memory", "2g")
                .set("spark.jars", applicationJar.toString()).set("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
            runs.add(onSpark("standalone cluster (2 workers × 1 core)", conf, networks, train, test, settings, log));
        }

        Run base = runs.get(0);
        out.printf(Locale.ROOT, "%-40s %10s %8s %9s %12s %12s %10s %10s%n", "runner", "job", "items", "time (s)",
            "× in process", "task (s)", "overhead", "identical");
        ArrayNode jobs = Json.MAPPER.createArrayNode();
        for (Run run : runs) {
            for (Job job : run.jobs()) {
                Job same = base.job(job.name());
                boolean identical = job.identical(same);
                out.printf(Locale.ROOT, "%-40s %10s %8d %9.1f %12.3f %12s %10s %10s%n", run.runner(), job.name(),
                    job.items(), job.seconds(), job.seconds() / same.seconds(), job.tasks().isEmpty() ? "-"
                        : String.format(Locale.ROOT, "%.2f", job.meanTaskSec()), job.tasks().isEmpty() ? "-"
                        : String.format(Locale.ROOT, "%.3f s", job.meanTaskOverheadSec()), identical ? "yes" : "NO");
                ObjectNode j = jobs.addObject();
                j.put("runner", run.runner());
                j.put("context_start_sec", run.contextStartSec());
                j.put("job", job.name());
                j.put("items", job.items());
                j.put("seconds", job.seconds());
                j.put("vs_in_process", job.seconds() / same.seconds());
                j.put("item_sec", job.seconds() * SLOTS / job.items());
                j.put("identical_to_in_process", identical);
                j.put("tasks", job.tasks().size());
                if (!job.tasks().isEmpty()) {
                    j.put("mean_task_sec", job.meanTaskSec());
                    j.put("mean_task_run_sec", job.meanTaskRunSec());
                    j.put("mean_task_overhead_sec", job.meanTaskOverheadSec());
                }
            }
            if (run.contextStartSec() > 0) {
                out.printf(Locale.ROOT, "%-40s context and executors started in %.1f s (not in the jobs' times)%n",
                    run.runner(), run.contextStartSec());
            }
        }
        root.set("jobs", jobs);

        Run cluster = runs.get(runs.size() - 1);
        Job clusterPlane = cluster.job("plane");
        double taskOverhead = clusterPlane.meanTaskOverheadSec();
        // conservative: all the time the cluster's plane took beyond the in-process one counts as a fixed cost per job
        double jobOverhead = Math.max(0, clusterPlane.seconds() - base.job("plane").seconds());
        double dataSec = (RunnerBenchmark.CIFAR_TRAIN + RunnerBenchmark.CIFAR_TEST)
            * (double) PaperNetworksBenchmark.CIFAR.size() * Float.BYTES / NETWORK_BYTES_PER_SEC;
        out.printf(Locale.ROOT, "%nA %d-point plane of the paper's networks on CIFAR (50,000 + 10,000 images), hours; "
            + "a worker is a machine like this one running one task at a time with its %d cores; Spark's overhead as "
            + "measured on the cluster above (%.3f s a task, %.1f s a job), the images sent to each worker at 10 Gbit/s "
            + "(%.1f s)%n", PAPER_PLANE_POINTS, Runtime.getRuntime().availableProcessors(), taskOverhead, jobOverhead,
            dataSec);
        out.printf(Locale.ROOT, "%-16s %12s %10s %12s", "network", "batch (s)", "batches", "point (s)");
        for (int w : PROJECTED_WORKERS) {
            out.printf(Locale.ROOT, " %12s", w + (w == 1 ? " worker" : " workers"));
        }
        out.println();
        ArrayNode projection = Json.MAPPER.createArrayNode();
        for (String arch : paperNetworks) {
            RunnerBenchmark.PointCost cost = RunnerBenchmark.pointCost(arch, log);
            ObjectNode p = Json.MAPPER.valueToTree(cost);
            out.printf(Locale.ROOT, "%-16s %12.3f %10d %12.1f", arch, cost.batchSec(), cost.batches(),
                cost.pointSec());
            ObjectNode hours = p.putObject("hours_by_workers");
            for (int w : PROJECTED_WORKERS) {
                double h = RunnerBenchmark.projectedHours(cost.pointSec(), PAPER_PLANE_POINTS, w, taskOverhead,
                    jobOverhead, dataSec);
                out.printf(Locale.ROOT, " %12.2f", h);
                hours.put(String.valueOf(w), h);
            }
            out.println();
            projection.add(p);
        }
        ObjectNode model = root.putObject("projection");
        model.put("plane_points", PAPER_PLANE_POINTS);
        model.put("worker_cores", Runtime.getRuntime().availableProcessors());
        model.put("task_overhead_sec", taskOverhead);
        model.put("job_overhead_sec", jobOverhead);
        model.put("data_to_each_worker_sec", dataSec);
        model.set("networks", projection);
        return root;
    }

    /** Where the application jar is: this class's own jar, or the one the build writes beside its classes. */
    private static Path applicationJar() {
        try {
            Path source = Paths.get(SparkBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = Files.isDirectory(source) ? source.resolveSibling("modeconn-spark.jar") : source;
            if (!Files.isRegularFile(jar)) {
                throw new InvalidInputException("The standalone cluster's executors need the Spark application jar, "
                    + "and there is none at " + jar + ".", "Build it first: mvn -B package -DskipTests (it writes "
                        + "target/modeconn-spark.jar), then run tools/spark-bench.sh.");
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the location of this class", e);
        }
    }

    private static Run onSpark(String name, SparkConf conf, List<Network> networks, Dataset train, Dataset test,
            RunnerBenchmark.Settings settings, Consumer<String> log) throws InterruptedException {
        log.accept(name + ": starting the context and its executors");
        conf.setAppName("modeconn bench --spark").set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false");
        long started = System.nanoTime();
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            while (spark.sc().statusTracker().getExecutorInfos().length < (spark.master().startsWith("local") ? 1
                : SLOTS + 1)) {
                Thread.sleep(100);
            }
            double contextStart = (System.nanoTime() - started) / 1e9;
            TaskTimes times = new TaskTimes();
            spark.sc().addSparkListener(times);
            return measure(name, contextStart, SparkRunner.on(spark), times, networks, train, test, settings, log);
        }
    }

    private static Run measure(String name, double contextStart, WorkRunner runner, TaskTimes times,
            List<Network> networks, Dataset train, Dataset test, RunnerBenchmark.Settings settings,
            Consumer<String> log) throws InterruptedException {
        List<Job> jobs = new ArrayList<>();
        log.accept(name + ": plane " + settings.grid() + " × " + settings.grid());
        long t = System.nanoTime();
        PlaneResult plane = RunnerBenchmark.plane(networks, train, test, settings, runner, TrainingMonitor.NONE);
        double planeSec = (System.nanoTime() - t) / 1e9;
        jobs.add(new Job("plane", settings.grid() * settings.grid(), planeSec, plane, null,
            times == null ? List.of() : times.take(Math.min(settings.grid() * settings.grid(), 4 * SLOTS))));
        log.accept(String.format(Locale.ROOT, "%s: plane %.1f s", name, planeSec));
        int pairs = networks.size() * (networks.size() - 1) / 2;
        t = System.nanoTime();
        ConnectivityMatrix matrix = RunnerBenchmark.matrix(networks, train, test, settings, runner,
            TrainingMonitor.NONE);
        double matrixSec = (System.nanoTime() - t) / 1e9;
        jobs.add(new Job("matrix", pairs, matrixSec, null, matrix,
            times == null ? List.of() : times.take(Math.min(pairs, 4 * SLOTS))));
        log.accept(String.format(Locale.ROOT, "%s: connectivity matrix %.1f s", name, matrixSec));
        return new Run(name, contextStart, jobs);
    }

    /** One runner's jobs. */
    private record Run(String runner, double contextStartSec, List<Job> jobs) {
        Job job(String name) {
            return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * One timed job, its figures and its tasks' times.
     *
     * @param tasks per task: seconds from launch to end, and seconds of computation
     */
    private record Job(String name, int items, double seconds, PlaneResult plane, ConnectivityMatrix matrix,
            List<double[]> tasks) {

        boolean identical(Job other) {
            return plane != null ? RunnerBenchmark.identical(plane, other.plane())
                : RunnerBenchmark.identical(matrix, other.matrix());
        }

        double meanTaskSec() {
            return tasks.stream().mapToDouble(t -> t[0]).average().orElse(Double.NaN);
        }

        double meanTaskRunSec() {
            return tasks.stream().mapToDouble(t -> t[1]).average().orElse(Double.NaN);
        }

        /** Spark's part of a task: scheduling, deserialising, sending the result back. */
        double meanTaskOverheadSec() {
            return meanTaskSec() - meanTaskRunSec();
        }
    }

    /** Spark's own times of each finished task: from launch to end, and the computation in it. */
    private static final class TaskTimes extends SparkListener {

        private final List<double[]> ended = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            TaskInfo info = end.taskInfo();
            TaskMetrics metrics = end.taskMetrics();
            if (metrics != null && info.successful()) {
                ended.add(new double[] {info.duration() / 1e3, metrics.executorRunTime() / 1e3});
            }
        }

        /** The {@code tasks} times of the job just done (Spark's listener bus delivers them a little later). */
        List<double[]> take(int tasks) throws InterruptedException {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (ended.size() < tasks && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            synchronized (ended) {
                List<double[]> out = new ArrayList<>(ended);
                ended.clear();
                return out;
            }
        }
    }
}
