package org.modeconn.engine.curve;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Loss and error along one path (a curve or the straight line) at a grid of t, with the summary figures
 * the paper reports: extremes along the path and the barrier, the maximum along the path minus the mean
 * of its two ends.
 *
 * @param name "curve" or "line"
 * @param points the grid, t ascending from 0 to 1
 */
public record PathProfile(String name, List<PathPoint> points) {

    /** Copies the list. */
    public PathProfile {
        points = List.copyOf(points);
    }

    /** Whether test figures are present. */
    public boolean hasTest() {
        return points.get(0).testErrorPercent() != null;
    }

    /** The largest training loss along the path. */
    public double maxTrainLoss() {
        return max(PathPoint::trainLoss);
    }

    /** The largest test error along the path (NaN without test data). */
    public double maxTestError() {
        return hasTest() ? max(PathPoint::testErrorPercent) : Double.NaN;
    }

    /** The smallest test error along the path (NaN without test data). */
    public double minTestError() {
        return hasTest() ? points.stream().mapToDouble(PathPoint::testErrorPercent).min().orElseThrow() : Double.NaN;
    }

    /** The point of the highest finite training loss (a diverged point, with no finite loss, is passed over). */
    public Optional<PathPoint> peakTrainLoss() {
        return points.stream().filter(p -> Double.isFinite(p.trainLoss()))
            .max(Comparator.comparingDouble(PathPoint::trainLoss));
    }

    /** Max training loss along the path minus the mean of the ends' training losses. */
    public double barrierTrainLoss() {
        return barrier(PathPoint::trainLoss);
    }

    /** Max test error along the path minus the mean of the ends' test errors (NaN without test data). */
    public double barrierTestError() {
        return hasTest() ? barrier(PathPoint::testErrorPercent) : Double.NaN;
    }

    /** Max training error along the path minus the mean of the ends' training errors. */
    public double barrierTrainError() {
        return barrier(PathPoint::trainErrorPercent);
    }

    private double max(ToDoubleFunction<PathPoint> f) {
        return points.stream().mapToDouble(f).max().orElseThrow();
    }

    private double barrier(ToDoubleFunction<PathPoint> f) {
        double ends = (f.applyAsDouble(points.get(0)) + f.applyAsDouble(points.get(points.size() - 1))) / 2;
        return max(f) - ends;
    }
}
