package org.modeconn.engine.report.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * Contour lines of a function sampled on a rectangular grid, by marching squares: the segments where each
 * cell crosses a level, joined into polylines. Missing (non-finite) samples leave their cells out.
 */
public final class ContourLines {

    /**
     * The lines of one level.
     *
     * @param level the value the lines follow
     * @param lines polylines of (x, y) points
     */
    public record Level(double level, List<List<double[]>> lines) {
    }

    private ContourLines() {
    }

    /**
     * The contours of {@code values} ([iy][ix] over {@code ys} × {@code xs}) at each of {@code levels}.
     */
    public static List<Level> of(final double[] xs, final double[] ys, final double[][] values,
        final double[] levels) {
        if (values.length != ys.length || (ys.length > 0 && values[0].length != xs.length)) {
            throw new IllegalArgumentException("A " + ys.length + "×" + xs.length + " grid needs as many values");
        }
        List<Level> out = new ArrayList<>();
        for (double level : levels) {
            out.add(new Level(level, join(segments(xs, ys, values, level))));
        }
        return out;
    }

    /** {@code count} levels evenly spaced strictly inside the range of the finite values (none if flat). */
    public static double[] evenLevels(final double[][] values, final int count) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            return new double[0];
        }
        double[] levels = new double[count];
        for (int k = 0; k < count; k++) {
            levels[k] = lo + (hi - lo) * (k + 1) / (count + 1);
        }
        return levels;
    }

    /** A crossing of a grid edge: where, and which edge (so that the two cells beside it agree). */
    private record Crossing(double x, double y, long edge) {
    }

    private static List<Crossing[]> segments(final double[] xs, final double[] ys, final double[][] v,
        final double level) {
        List<Crossing[]> segments = new ArrayList<>();
        for (int iy = 0; iy + 1 < ys.length; iy++) {
            for (int ix = 0; ix + 1 < xs.length; ix++) {
                double a = v[iy][ix];
                double b = v[iy][ix + 1];
                double c = v[iy + 1][ix + 1];
                double d = v[iy + 1][ix];
                if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(d))) {
                    continue;
                }
                // The cell's edges counter-clockwise from its lower left corner: bottom, right, top, left.
                Crossing[] edges = {crossing(xs, ys, v, level, ix, iy, true), crossing(xs, ys, v, level, ix + 1, iy,
                    false), crossing(xs, ys, v, level, ix, iy + 1, true), crossing(xs, ys, v, level, ix, iy, false)};
                List<Crossing> crossed = new ArrayList<>(4);
                for (Crossing e : edges) {
                    if (e != null) {
                        crossed.add(e);
                    }
                }
                if (crossed.size() == 2) {
                    segments.add(new Crossing[] {crossed.get(0), crossed.get(1)});
                } else if (crossed.size() == 4) {
                    // A saddle: the cell's mean decides which corners the lines cut off.
                    boolean centreAbove = (a + b + c + d) / 4 >= level;
                    if (centreAbove == (a >= level)) {
                        segments.add(new Crossing[] {edges[0], edges[1]});
                        segments.add(new Crossing[] {edges[2], edges[3]});
                    } else {
                        segments.add(new Crossing[] {edges[3], edges[0]});
                        segments.add(new Crossing[] {edges[1], edges[2]});
                    }
                }
            }
        }
        return segments;
    }

    /**
     * Where the level crosses the edge from grid point (ix, iy) to the next one along x (or y), or null;
     * always computed from the lower end, so both cells beside the edge get the same point.
     */
    private static Crossing crossing(final double[] xs, final double[] ys, final double[][] v, final double level,
        final int ix, final int iy, final boolean alongX) {
        int jx = alongX ? ix + 1 : ix;
        int jy = alongX ? iy : iy + 1;
        double p = v[iy][ix];
        double q = v[jy][jx];
        if ((p < level) == (q < level)) {
            return null;
        }
        double s = (level - p) / (q - p);
        long edge = ((long)iy * xs.length + ix) * 2 + (alongX ? 0 : 1);
        return new Crossing(xs[ix] + s * (xs[jx] - xs[ix]), ys[iy] + s * (ys[jy] - ys[iy]), edge);
    }

    /** Joins segments that share a crossed edge into polylines. */
    private static List<List<double[]>> join(final List<Crossing[]> segments) {
        Map<Long, List<Integer>> byEdge = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            for (Crossing c : segments.get(i)) {
                byEdge.computeIfAbsent(c.edge(), k -> new ArrayList<>()).add(i);
            }
        }
        boolean[] used = new boolean[segments.size()];
        List<List<double[]>> lines = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (used[i]) {
                continue;
            }
            used[i] = true;
            LinkedList<Crossing> line = new LinkedList<>(List.of(segments.get(i)[0], segments.get(i)[1]));
            extend(line, false, segments, byEdge, used);
            extend(line, true, segments, byEdge, used);
            lines.add(line.stream().map(c -> new double[] {c.x(), c.y()}).toList());
        }
        return lines;
    }

    private static void extend(final LinkedList<Crossing> line, final boolean atStart,
        final List<Crossing[]> segments, final Map<Long, List<Integer>> byEdge, final boolean[] used) {
        while (true) {
            Crossing end = atStart ? line.getFirst() : line.getLast();
            Integer next = null;
            for (int j : byEdge.getOrDefault(end.edge(), List.of())) {
                if (!used[j]) {
                    next = j;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            used[next] = true;
            Crossing[] s = segments.get(next);
            Crossing other = s[0].edge() == end.edge() ? s[1] : s[0];
            if (atStart) {
                line.addFirst(other);
            } else {
                line.addLast(other);
            }
        }
    }
}
