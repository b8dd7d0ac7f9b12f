package org.modeconn.engine.work;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.train.ParallelPoints;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * Runs the items in this process: {@code workers} threads, each with its own state, take the items one at a time
 * in the run's compute context (whose thread budget they share).
 *
 * @param workers items computed at once, ≥ 1
 */
public record InProcessRunner(int workers) implements WorkRunner {

    /** Checks the count. */
    public InProcessRunner {
        if (workers < 1) {
            throw new IllegalArgumentException("workers " + workers);
        }
    }

    /** One worker per core, at most 4 (more only add memory on a CPU). */
    public static InProcessRunner perCore() {
        return new InProcessRunner(ParallelPoints.defaultWorkers());
    }

    @Override
    public <C extends WorkState, S extends WorkState, R extends Serializable> List<R> run(
            IndependentWork<C, S, R> work, TrainingMonitor monitor) {
        Object[] results = new Object[work.count()];
        // what an item sees of the run: whether it was cancelled (the workers share the monitor, as ParallelPoints)
        TrainingMonitor cancellation = new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                synchronized (monitor) {
                    return monitor.isCancelled();
                }
            }
        };
        try (C shared = work.openShared()) {
            ParallelPoints.run(work.count(), workers, () -> work.openWorker(shared), (worker, index) -> {
                R r = work.compute(worker, index, cancellation);
                results[index] = r;
                return work.progressValue(r);
            }, monitor, work.name(), work.items());
        }
        List<R> out = new ArrayList<>(results.length);
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R typed = (R) r;
            out.add(typed);
        }
        return out;
    }

    @Override
    public String describe() {
        return "this process, " + workers + (workers == 1 ? " worker" : " workers");
    }
}
