package org.modeconn.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.IndependentWork;
import org.modeconn.engine.work.WorkRunner;
import org.modeconn.engine.work.WorkState;
import scala.Tuple2;

/**
 * Runs the items of independent work as the tasks of a Spark job: the work (its networks and data) goes to the
 * executors once as a broadcast, each task opens it in a compute context with the threads Spark gives a task
 * ({@code spark.task.cpus}) and computes a slice of the items, and the driver puts the results in item order.
 * Progress counts the finished tasks; a cancelled monitor cancels the job group. A task lost with its executor is
 * run again elsewhere by Spark, and since an item's result depends only on the work and its index, the result is
 * the same.
 */
public final class SparkRunner implements WorkRunner, AutoCloseable {

    private static final long POLL_MILLIS = 200;
    /** How long a job waits for its first executor before it says why none came (seconds; Spark configuration). */
    public static final String EXECUTOR_WAIT_KEY = "spark.modeconn.executorWaitSeconds";
    private static final long EXECUTOR_WAIT_DEFAULT_SECONDS = 120;

    /** The exit code of an executor that ran out of memory (Spark's {@code SparkExitCode.OOM}). */
    private static final String OUT_OF_MEMORY_EXIT = "exited with code 52";

    private final JavaSparkContext spark;
    private final boolean owned;
    private final LostWork lost = new LostWork();

    private SparkRunner(JavaSparkContext spark, boolean owned) {
        this.spark = spark;
        this.owned = owned;
        spark.sc().addSparkListener(lost);
    }

    /**
     * Starts a Spark context for this command: {@code master} as {@code --spark} gives it ({@code local[N]},
     * {@code spark://HOST:PORT}), or null to take it from Spark's own configuration (under {@code spark-submit}).
     */
    public static SparkRunner start(String master, String application) {
        SparkConf conf = new SparkConf().setAppName(application);
        if (master != null) {
            conf.setMaster(master);
        }
        requireReachable(conf.get("spark.master", ""));
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return new SparkRunner(new JavaSparkContext(conf), true);
    }

    /**
     * Refuses a standalone master that cannot be reached now: Spark would otherwise retry in the background for a
     * minute and then stop its context under the command.
     */
    static void requireReachable(String master) {
        if (!master.startsWith("spark://")) {
            return;
        }
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1).replaceAll("/.*", ""));
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, port), 5000);
                return;
            } catch (java.io.IOException e) {
                if (master.indexOf(',') < 0) {
                    throw new InvalidInputException("The Spark master " + master + " cannot be reached: "
                        + e.getMessage() + ".", "Check that the master runs (sbin/start-master.sh) and its URL: the "
                            + "master's log and web page show it as spark://HOST:PORT (port 7077 by default).",
                        "Check that this machine reaches " + host + ":" + port + " (no firewall between them).");
                }
            }
        }
        throw new InvalidInputException("None of the Spark masters " + master + " can be reached.",
            "Check that a master runs and its URL (spark://HOST:PORT).");
    }

    /** Runs on a context someone else owns (and closes). */
    public static SparkRunner on(JavaSparkContext spark) {
        return new SparkRunner(spark, false);
    }

    /** The threads a task is given. */
    public int taskCpus() {
        return spark.getConf().getInt("spark.task.cpus", 1);
    }

    @Override
    public <C extends WorkState, S extends WorkState, R extends Serializable> List<R> run(
            IndependentWork<C, S, R> work, TrainingMonitor monitor) {
        int count = work.count();
        int slices = Math.max(1, Math.min(count, 4 * spark.defaultParallelism()));
        Broadcast<IndependentWork<C, S, R>> shipped = spark.broadcast(work);
        // the items compute as the run on the driver does, with the threads Spark gives a task
        ComputeOptions options = ComputeContext.current().options().withThreads(taskCpus());
        String group = "modeconn-" + UUID.randomUUID();
        lost.clear();
        spark.setJobGroup(group, work.name(), true);
        try {
            JavaFutureAction<List<Tuple2<Integer, R>>> job = spark
                .parallelize(IntStream.range(0, count).boxed().toList(), slices)
                .mapPartitions((Iterator<Integer> items) -> computeSlice(shipped.value(), options, items))
                .collectAsync();
            List<Tuple2<Integer, R>> pairs = await(job, group, slices, work.name(), monitor);
            List<R> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                results.add(null);
            }
            for (Tuple2<Integer, R> p : pairs) {
                results.set(p._1(), p._2());
            }
            return results;
        } finally {
            spark.clearJobGroup();
            shipped.destroy();
        }
    }

    /** On an executor: one slice of the items, with one opened state. */
    private static <C extends WorkState, S extends WorkState, R extends Serializable> Iterator<Tuple2<Integer, R>>
            computeSlice(IndependentWork<C, S, R> work, ComputeOptions options, Iterator<Integer> items) {
        List<Tuple2<Integer, R>> out = new ArrayList<>();
        // the task's own context: the driver's backend and kernels, the threads Spark gave the task
        ComputeContext context = ComputeContext.open(options);
        // a cancelled job group interrupts its tasks: a long item sees it as the run's cancellation
        TaskContext task = TaskContext.get();
        TrainingMonitor cancellation = new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return task != null && task.isInterrupted();
            }
        };
        try (C shared = work.openShared(); S worker = work.openWorker(shared)) {
            while (items.hasNext()) {
                int i = items.next();
                out.add(new Tuple2<>(i, work.compute(worker, i, cancellation)));
            }
        } finally {
            context.close();
        }
        return out.iterator();
    }

    /** Waits for the job, reporting finished tasks and cancelling the job group when the monitor asks. */
    private <T> T await(JavaFutureAction<T> job, String group, int tasks, String what, TrainingMonitor monitor) {
        int reported = 0;
        long started = System.nanoTime();
        long waitSeconds = spark.getConf().getLong(EXECUTOR_WAIT_KEY, EXECUTOR_WAIT_DEFAULT_SECONDS);
        long waitNanos = TimeUnit.SECONDS.toNanos(waitSeconds);
        while (true) {
            try {
                return job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                int done = finishedTasks(job);
                if (done == 0 && executors() == 0 && System.nanoTime() - started > waitNanos) {
                    spark.cancelJobGroup(group);
                    throw new InvalidInputException("No Spark executor took " + what + " within " + waitSeconds
                        + " s (" + EXECUTOR_WAIT_KEY + "): the workers of " + spark.master() + " have fewer free "
                        + "cores or less memory than an executor asks for (spark.executor.memory "
                        + spark.getConf().get("spark.executor.memory", "1g") + ", spark.task.cpus " + taskCpus() + ").",
                        "Ask for less: --conf spark.executor.memory=2g (spark-submit), or start the workers with more "
                            + "memory and cores (start-worker.sh --memory 8g --cores 2).",
                        "Check in the master's web page that workers are registered and free.");
                }
                if (done > reported) {
                    reported = done;
                    monitor.onBatch(done / (double) tasks, 1, done, Double.NaN, 0);
                }
                if (monitor.isCancelled()) {
                    spark.cancelJobGroup(group);
                    throw new OperationCancelledException(what + " cancelled after " + done + " of " + tasks
                        + " Spark tasks.");
                }
            } catch (InterruptedException e) {
                spark.cancelJobGroup(group);
                Thread.currentThread().interrupt();
                throw new OperationCancelledException(what + " interrupted.");
            } catch (ExecutionException e) {
                throw failure(what, e.getCause() != null ? e.getCause() : e);
            }
        }
    }

    /** The failure of a job, with the setting to change where Spark's message shows a memory shortage. */
    private RuntimeException failure(String what, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        // the job's own failure may name only the last attempt (an executor shutting down); its lost tasks and
        // executors say why
        String shortage = Stream.concat(Stream.of(message), lost.reasons().stream())
            .filter(SparkRunner::memoryShortage).findFirst().orElse(null);
        if (shortage != null) {
            return new InvalidInputException(what + " ran out of memory on a Spark executor: " + firstLine(shortage),
                cause, "Give executors more memory: --conf spark.executor.memory=4g, and for the native arrays of the "
                    + "engine --conf spark.executor.memoryOverhead=2g (spark-submit).",
                "Or give each task more of it: fewer tasks at once per executor (spark.executor.cores).");
        }
        if (spark.sc().isStopped()) {
            return new InvalidInputException(what + " stopped: the Spark context was stopped (" + firstLine(message)
                + ").", cause, "Check the master (" + spark.master() + ") and the driver's log: a master that went "
                    + "away, or an application the master removed, stops the context.");
        }
        return new IllegalStateException(what + " failed on Spark: " + message, cause);
    }

    private static boolean memoryShortage(String message) {
        return message.contains("OutOfMemoryError") || message.contains("Java heap space")
            || message.contains("Cannot allocate") || message.contains("memory limits")
            || message.contains("exceeding memory") || message.contains(OUT_OF_MEMORY_EXIT);
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The executors registered (the driver not counted). */
    private int executors() {
        return Math.max(0, spark.sc().statusTracker().getExecutorInfos().length - 1);
    }

    private int finishedTasks(JavaFutureAction<?> job) {
        int done = 0;
        for (int id : job.jobIds()) {
            SparkJobInfo info = spark.statusTracker().getJobInfo(id);
            if (info == null) {
                continue;
            }
            for (int stage : info.stageIds()) {
                SparkStageInfo s = spark.statusTracker().getStageInfo(stage);
                if (s != null) {
                    done += s.numCompletedTasks();
                }
            }
        }
        return done;
    }

    @Override
    public String describe() {
        return "Spark " + spark.version() + " at " + spark.master() + ", " + taskCpus()
            + (taskCpus() == 1 ? " thread" : " threads") + " a task";
    }

    @Override
    public void close() {
        spark.sc().removeSparkListener(lost);
        if (owned) {
            spark.close();
        }
    }

    /** Why tasks and executors of the current job were lost, as Spark's listener bus reports them. */
    private static final class LostWork extends SparkListener {

        private static final int KEPT = 32;
        private final List<String> reasons = new ArrayList<>();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof TaskFailedReason failed) {
                add(failed.toErrorString());
            }
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
            add(removed.reason());
        }

        private synchronized void add(String reason) {
            if (reasons.size() < KEPT) {
                reasons.add(String.valueOf(reason));
            }
        }

        synchronized void clear() {
            reasons.clear();
        }

        synchronized List<String> reasons() {
            return List.copyOf(reasons);
        }
    }
}
