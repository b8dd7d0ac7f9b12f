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
import org.apache.spark.SparkConf;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.modeconn.engine.OperationCancelledException;
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

    private final JavaSparkContext spark;
    private final boolean owned;

    private SparkRunner(JavaSparkContext spark, boolean owned) {
        this.spark = spark;
        this.owned = owned;
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
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return new SparkRunner(new JavaSparkContext(conf), true);
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
        int cpus = taskCpus();
        String group = "modeconn-" + UUID.randomUUID();
        spark.setJobGroup(group, work.name(), true);
        try {
            JavaFutureAction<List<Tuple2<Integer, R>>> job = spark
                .parallelize(IntStream.range(0, count).boxed().toList(), slices)
                .mapPartitions((Iterator<Integer> items) -> computeSlice(shipped.value(), cpus, items))
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
            computeSlice(IndependentWork<C, S, R> work, int cpus, Iterator<Integer> items) {
        List<Tuple2<Integer, R>> out = new ArrayList<>();
        // the task's own context: the work's backend and kernels, the threads Spark gave the task
        ComputeContext context = ComputeContext.open(work.options().withThreads(cpus));
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
        while (true) {
            try {
                return job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                int done = finishedTasks(job);
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
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new IllegalStateException(what + " failed on Spark: " + cause.getMessage(), cause);
            }
        }
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
        return "Spark " + spark.version() + " at " + spark.master() + ", " + taskCpus() + " threads a task";
    }

    @Override
    public void close() {
        if (owned) {
            spark.close();
        }
    }
}
