package org.modeconn.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.compute.ComputeContext;

/**
 * Evaluates independent points (of a curve, of a plane) with several workers, each with its own state
 * (its own copy of the network): points are handed out one at a time, progress is reported after each,
 * and cancellation stops every worker before its next point. Results are written by index, so they do not
 * depend on which worker computed them. A worker's state that holds native memory (AutoCloseable) is closed
 * when the worker ends.
 */
public final class ParallelPoints {

    /** The work on one point. */
    @FunctionalInterface
    public interface PointTask<W> {
        /** Evaluates point {@code index} with the worker's own {@code state}; returns a loss for progress. */
        double evaluate(W state, int index);
    }

    private ParallelPoints() {
    }

    /**
     * @param count the number of points
     * @param workers how many at once
     * @param state makes one worker's state (called on the worker's thread)
     * @param task the work on one point
     * @param monitor progress and cancellation
     * @param what names the operation in the cancellation message
     */
    public static <W> void run(int count, int workers, Supplier<W> state, PointTask<W> task, TrainingMonitor monitor,
            String what) {
        run(count, workers, state, task, monitor, what, "points");
    }

    /**
     * As {@link #run(int, int, Supplier, PointTask, TrainingMonitor, String)}, the items called {@code items} in the
     * cancellation message ("pairs", "trainings").
     */
    public static <W> void run(int count, int workers, Supplier<W> state, PointTask<W> task, TrainingMonitor monitor,
            String what, String items) {
        int threads = Math.max(1, Math.min(workers, count));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean(monitor.isCancelled());
        AtomicBoolean userCancelled = new AtomicBoolean();
        // the workers are the run's: they compute in its context and share its threads out between them
        ComputeContext context = ComputeContext.current();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, what + "-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                futures.add(pool.submit(() -> {
                    ComputeContext.Binding binding = context.bind();
                    try {
                        work(state, task, monitor, count, next, done, cancelled);
                    } finally {
                        binding.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException(what + " interrupted.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            // every worker stops at its next point and has closed its state before this returns or throws: what the
            // run's context frees afterwards is in use by no worker any more
            userCancelled.set(cancelled.getAndSet(true));
            pool.shutdownNow();
            awaitWorkers(pool);
        }
        if (userCancelled.get()) {
            throw new OperationCancelledException(what + " cancelled after " + done.get() + " of " + count + " " + items
                + ".");
        }
    }

    /** One worker per core, at most 4: more only add memory on a CPU. */
    public static int defaultWorkers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private static void awaitWorkers(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <W> void work(Supplier<W> state, PointTask<W> task, TrainingMonitor monitor, int count,
            AtomicInteger next, AtomicInteger done, AtomicBoolean cancelled) throws Exception {
        W s = state.get();
        try {
            int k;
            while (!cancelled.get() && (k = next.getAndIncrement()) < count) {
                double loss = task.evaluate(s, k);
                int n = done.incrementAndGet();
                synchronized (monitor) {
                    monitor.onBatch(n / (double) count, 1, n, loss, 0);
                    if (monitor.isCancelled()) {
                        cancelled.set(true);
                    }
                }
            }
        } finally {
            if (s instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
