package org.modeconn.engine.work;

import java.io.Serializable;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * An operation made of independent items (the points of a plane or of a curve, the pairs of a connectivity matrix,
 * the seeds of several trainings), described so that a {@link WorkRunner} can compute its items anywhere: in this
 * process's threads or in the tasks of a cluster. It is serialisable for that: an implementation keeps its inputs
 * in a form that serialises (networks and data as {@link WorkPayload} bytes), and every item's result depends only
 * on the inputs, the item's index and the threads it computes with, so that where it ran never shows in the result.
 *
 * @param <C> what the items of one process share (data on the device, a precomputed layer), opened once there
 * @param <S> one worker's own state (its copy of the network), opened from the shared part
 * @param <R> one item's result
 */
public interface IndependentWork<C extends WorkState, S extends WorkState, R extends Serializable>
        extends Serializable {

    /** What the operation is called in progress and messages ("Plane slice"). */
    String name();

    /** The number of items. */
    int count();

    /** What the items are called in messages ("points", "pairs", "trainings"). */
    default String items() {
        return "items";
    }

    /** Opens what the items computed in one process share; called once per process and run. */
    C openShared();

    /** Opens one worker's state; called on the worker's thread. */
    S openWorker(C shared);

    /**
     * Computes item {@code index} with the worker's state; a long item (a curve fit) asks {@code run} whether the run
     * was cancelled and stops early, with an {@link org.modeconn.engine.OperationCancelledException}.
     */
    R compute(S worker, int index, TrainingMonitor run);

    /** A number to show with progress for a finished item (a loss), or NaN. */
    default double progressValue(R result) {
        return Double.NaN;
    }
}
