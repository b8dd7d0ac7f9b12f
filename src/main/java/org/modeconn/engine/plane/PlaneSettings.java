package org.modeconn.engine.plane;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;

/**
 * How a plane through three weight vectors is sampled.
 *
 * @param grid G, points per axis (G × G in all), ≥ 2
 * @param margin how far beyond the three points the grid reaches, as a fraction of the axes' lengths
 * @param trainSubset examples of the training data used for the train loss and the BatchNorm statistics
 *        (the first ones), or 0 for all
 * @param curvePoints points of the curve projected into the plane (when a curve is given)
 * @param runner where the grid points are evaluated: this process's workers (each holds its own copy of the
 *        network) or a cluster's tasks
 */
public record PlaneSettings(int grid, double margin, int trainSubset, int curvePoints, WorkRunner runner) {

    /** Validates the ranges. */
    public PlaneSettings {
        if (grid < 2 || grid > 501) {
            throw new InvalidInputException("A plane grid of " + grid + " points per axis is out of range.",
                "Give between 2 and 501 points per axis (21 is the default).");
        }
        if (!(margin >= 0 && margin <= 10)) {
            throw new InvalidInputException("A plane margin of " + margin + " is out of range.",
                "Give a margin between 0 and 10 (0.2 is the default).");
        }
        if (trainSubset < 0 || curvePoints < 2) {
            throw new InvalidInputException("The plane settings are out of range (train subset " + trainSubset
                + ", curve points " + curvePoints + ").",
                "Give a train subset ≥ 0 (0: all) and at least 2 curve points.");
        }
        java.util.Objects.requireNonNull(runner, "runner");
    }

    /** Settings whose grid points are evaluated by {@code workers} workers of this process. */
    public PlaneSettings(int grid, double margin, int trainSubset, int curvePoints, int workers) {
        this(grid, margin, trainSubset, curvePoints, inProcess(workers));
    }

    private static WorkRunner inProcess(int workers) {
        if (workers < 1) {
            throw new InvalidInputException("A plane evaluated by " + workers + " workers is out of range.",
                "Give at least 1 worker.");
        }
        return new InProcessRunner(workers);
    }

    /** These settings with the grid points evaluated by {@code other}. */
    public PlaneSettings withRunner(WorkRunner other) {
        return new PlaneSettings(grid, margin, trainSubset, curvePoints, other);
    }

    /** The benchmark's plane: 21 × 21, margin 0.2, train loss on the first 4,000 examples, 61 curve points. */
    public static PlaneSettings benchmark() {
        return new PlaneSettings(21, 0.2, 4000, 61, defaultWorkers());
    }

    /** One worker per core, at most 4. */
    public static int defaultWorkers() {
        return org.modeconn.engine.train.ParallelPoints.defaultWorkers();
    }
}
