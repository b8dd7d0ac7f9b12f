package org.modeconn.engine.report.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.modeconn.engine.plane.PlaneResult;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A loss-plane slice: each metric over the grid, its contour lines, the three points that span the plane
 * and the curve's projection.
 *
 * @param header title, provenance and notes
 * @param xs the grid's x coordinates, ascending
 * @param ys the grid's y coordinates, ascending
 * @param metrics per metric name ("trainLoss", "trainError", "testLoss", "testError"), the values at [iy][ix]
 * @param contours per metric name, its contour lines
 * @param points w1, θ and w2 in the plane
 * @param curve the curve's points in the plane
 * @param logScale whether loss colours and contour levels are on a log scale (always: losses span decades; the
 *        page reads it rather than knowing it)
 */
public record PlaneData(@JsonUnwrapped ViewHeader header, @JsonProperty("xs") double[] xs,
        @JsonProperty("ys") double[] ys, @JsonProperty("metrics") Map<String, Double[][]> metrics,
        @JsonProperty("contours") Map<String, List<ContourLines.Level>> contours,
        @JsonProperty("points") List<Point> points, @JsonProperty("curve") List<double[]> curve,
        @JsonProperty("logScale") boolean logScale) implements ViewData {

    /** How many contour levels each metric gets. */
    public static final int CONTOUR_LEVELS = 8;

    /**
     * At most this many grid points per side are sent for the heat map (the grid may have 501): every k-th.
     * The contours are traced on the whole grid.
     */
    public static final int MAX_GRID = 101;

    /** A named point of the plane. */
    public record Point(@JsonProperty("name") String name, @JsonProperty("x") double x, @JsonProperty("y") double y) {
    }

    /** The view of {@code r}; losses get contour levels evenly spaced in log10 (they span decades). */
    public static PlaneData of(final ViewHeader header, final PlaneResult r) {
        Map<String, double[][]> raw = new LinkedHashMap<>();
        raw.put("trainLoss", r.trainLoss());
        raw.put("trainError", r.trainError());
        if (r.hasTest()) {
            raw.put("testLoss", r.testLoss());
            raw.put("testError", r.testError());
        }
        Map<String, Double[][]> metrics = new LinkedHashMap<>();
        Map<String, List<ContourLines.Level>> contours = new LinkedHashMap<>();
        int stride = Math.max(1, (Math.max(r.xs().length, r.ys().length) + MAX_GRID - 1) / MAX_GRID);
        raw.forEach((name, grid) -> {
            metrics.put(name, ViewNumbers.finite(everyKth(grid, stride)));
            contours.put(name, name.endsWith("Loss") ? logContours(r, grid) : ContourLines.of(r.xs(), r.ys(), grid,
                ContourLines.evenLevels(grid, CONTOUR_LEVELS)));
        });
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < r.anchors().length; i++) {
            points.add(new Point(r.anchorNames().get(i), r.anchors()[i][0], r.anchors()[i][1]));
        }
        return new PlaneData(header, everyKth(r.xs(), stride), everyKth(r.ys(), stride), metrics, contours, points,
            r.curve(), true);
    }

    private static double[] everyKth(final double[] values, final int k) {
        return IntStream.range(0, values.length).filter(i -> i % k == 0).mapToDouble(i -> values[i]).toArray();
    }

    private static double[][] everyKth(final double[][] grid, final int k) {
        return IntStream.range(0, grid.length).filter(i -> i % k == 0).mapToObj(i -> everyKth(grid[i], k))
            .toArray(double[][]::new);
    }

    private static List<ContourLines.Level> logContours(final PlaneResult r, final double[][] grid) {
        double[][] log = new double[grid.length][];
        for (int i = 0; i < grid.length; i++) {
            log[i] = new double[grid[i].length];
            for (int j = 0; j < grid[i].length; j++) {
                log[i][j] = grid[i][j] > 0 ? Math.log10(grid[i][j]) : Double.NaN;
            }
        }
        return ContourLines.of(r.xs(), r.ys(), log, ContourLines.evenLevels(log, CONTOUR_LEVELS)).stream()
            .map(l -> new ContourLines.Level(Math.pow(10, l.level()), l.lines())).toList();
    }

    @Override
    public String view() {
        return "plane";
    }
}
