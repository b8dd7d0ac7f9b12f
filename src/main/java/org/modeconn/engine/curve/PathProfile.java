package org.modeconn.engine.curve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Loss and error along one path (a curve or the straight line) at a grid of t, with the summary figures
 * the paper reports: extremes along the path and the barrier, the maximum along the path minus the mean
 * of its two ends.
 *
 * @param name "curve" or "line"
 * @param points the grid, t ascending from 0 to 1
 * @param arcLengths at each point, the length of the path in weight space from its start (trainable weights,
 *        Euclidean, the path taken as straight between grid points); 0 at the first point
 */
public record PathProfile(String name, List<PathPoint> points, double[] arcLengths) implements java.io.Serializable {

    /** Copies the list and checks that the lengths fit the points. */
    public PathProfile {
        points = List.copyOf(points);
        if (arcLengths.length != points.size() || (arcLengths.length > 0 && arcLengths[0] != 0)) {
            throw new IllegalArgumentException(arcLengths.length + " arc lengths for " + points.size() + " points");
        }
        for (int i = 1; i < arcLengths.length; i++) {
            if (!(arcLengths[i] >= arcLengths[i - 1])) {
                throw new IllegalArgumentException("arc lengths must not decrease: " + arcLengths[i - 1] + ", "
                    + arcLengths[i]);
            }
        }
        arcLengths = arcLengths.clone();
    }

    /** The arc lengths (a copy). */
    @Override
    public double[] arcLengths() {
        return arcLengths.clone();
    }

    /** Equal paths: the same name, points and arc lengths (compared by value). */
    @Override
    public boolean equals(final Object o) {
        return o instanceof PathProfile p && p.name.equals(name) && p.points.equals(points)
            && Arrays.equals(p.arcLengths, arcLengths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, points, Arrays.hashCode(arcLengths));
    }

    @Override
    public String toString() {
        return "PathProfile[name=" + name + ", points=" + points + ", arcLengths=" + Arrays.toString(arcLengths) + "]";
    }

    /** The path's length in weight space. */
    public double length() {
        return arcLengths.length == 0 ? 0 : arcLengths[arcLengths.length - 1];
    }

    /**
     * The statistics of each measured quantity along the path, in the order train loss, train error, test loss,
     * test error (the test ones only with test data; none for a path not evaluated).
     */
    public List<QuantityStatistics> statistics() {
        List<QuantityStatistics> out = new ArrayList<>();
        if (points.isEmpty()) {
            return out;
        }
        out.add(QuantityStatistics.along("train_loss", values(PathPoint::trainLoss), arcLengths));
        out.add(QuantityStatistics.along("train_error", values(PathPoint::trainErrorPercent), arcLengths));
        if (hasTest()) {
            out.add(QuantityStatistics.along("test_loss", values(PathPoint::testLoss), arcLengths));
            out.add(QuantityStatistics.along("test_error", values(PathPoint::testErrorPercent), arcLengths));
        }
        return out;
    }

    private double[] values(final ToDoubleFunction<PathPoint> f) {
        return points.stream().mapToDouble(f).toArray();
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
