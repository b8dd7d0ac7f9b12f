package org.modeconn.engine.work;

import java.io.Serializable;

/**
 * Independent work whose items each open all they need (a training, a curve fit with its evaluation): nothing is
 * shared between items or kept by a worker.
 *
 * @param <R> one item's result
 */
public interface SelfContainedWork<R extends Serializable> extends IndependentWork<WorkState, WorkState, R> {

    /** The nothing a self-contained item shares. */
    WorkState NOTHING = () -> { };

    @Override
    default WorkState openShared() {
        return NOTHING;
    }

    @Override
    default WorkState openWorker(WorkState shared) {
        return NOTHING;
    }
}
