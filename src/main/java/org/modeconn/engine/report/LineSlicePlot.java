package org.modeconn.engine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modeconn.engine.plane.PlaneResult;

/**
 * A 1-D slice as a PNG: loss (left) and error (right) against the distance along the line, train and test,
 * with the line's named points (a and b, or the centre) marked.
 */
public final class LineSlicePlot {

    private static final Color TRAIN = new Color(33, 102, 172);

    private static final Color TEST = new Color(214, 96, 77);

    private LineSlicePlot() {
    }

    /** Writes the figure of {@code line} (a slice with one row) to {@code file}. */
    public static void write(final PlaneResult line, final Path file) {
        if (!line.isLine()) {
            throw new IllegalArgumentException("a plane of " + line.ys().length + " rows is no line");
        }
        String along = line.anchorNames().equals(PlaneResult.LINE_BETWEEN_TWO) ? "distance from a"
            : "distance from the centre";
        XYChart loss = CurvePlot.chart("Loss along the line", "loss (NLL)");
        XYChart error = CurvePlot.chart("Error along the line", "error (%)");
        for (XYChart c : List.of(loss, error)) {
            c.setXAxisTitle(along);
        }
        add(loss, "train", line.xs(), line.trainLoss()[0], TRAIN);
        add(error, "train", line.xs(), line.trainError()[0], TRAIN);
        if (line.hasTest()) {
            add(loss, "test", line.xs(), line.testLoss()[0], TEST);
            add(error, "test", line.xs(), line.testError()[0], TEST);
        }
        // The named points on the axis, at the train loss and error there.
        List<Double> px = new ArrayList<>();
        for (double[] p : line.anchors()) {
            px.add(p[0]);
        }
        double[] x = px.stream().mapToDouble(Double::doubleValue).toArray();
        mark(loss, String.join(", ", line.anchorNames()), x, at(line.xs(), line.trainLoss()[0], x));
        mark(error, String.join(", ", line.anchorNames()), x, at(line.xs(), line.trainError()[0], x));
        CurvePlot.save(List.of(loss, error), file);
    }

    private static void add(final XYChart chart, final String name, final double[] x, final double[] y,
        final Color color) {
        XYSeries s = chart.addSeries(name, x, CurvePlot.finiteOrGap(y));
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2f));
    }

    private static void mark(final XYChart chart, final String name, final double[] x, final double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineStyle(new BasicStroke(0f));
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(Color.BLACK);
    }

    /** The values at {@code at}, taken from the nearest grid point. */
    private static double[] at(final double[] xs, final double[] values, final double[] at) {
        double[] out = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            int best = 0;
            for (int i = 1; i < xs.length; i++) {
                if (Math.abs(xs[i] - at[k]) < Math.abs(xs[best] - at[k])) {
                    best = i;
                }
            }
            out[k] = values[best];
        }
        return out;
    }
}
