package org.modeconn.engine.work;

import java.io.Serializable;
import java.util.List;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * Computes the items of an {@link IndependentWork} and gives their results in item order, reporting progress as items
 * finish and stopping when the monitor is cancelled. Where the items run is the runner's: {@link InProcessRunner}
 * (this process's threads, the default) or Spark's tasks ({@code org.modeconn.spark.SparkRunner}).
 */
public interface WorkRunner {

    /**
     * Runs every item of {@code work}.
     *
     * @return the results, item {@code i}'s at index {@code i}
     * @throws org.modeconn.engine.OperationCancelledException when the monitor cancelled the run
     */
    <C extends WorkState, S extends WorkState, R extends Serializable> List<R> run(
        IndependentWork<C, S, R> work, TrainingMonitor monitor);

    /** Where the items run, for the backend line and provenance ("this process, 2 workers"). */
    String describe();
}
