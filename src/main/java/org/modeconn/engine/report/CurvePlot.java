package org.modeconn.engine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.PathPoint;
import org.modeconn.engine.curve.PathProfile;

/**
 * The paper's curve figure as a PNG: train loss (left) and test error (right) along t, for the curve and
 * for the straight line between its ends.
 */
public final class CurvePlot {

    static final Color CURVE = new Color(33, 102, 172);
    static final Color LINE = new Color(214, 96, 77);
    static final Color THIRD = new Color(27, 158, 119);

    private CurvePlot() {
    }

    /** Writes the figure of the curve and the line to {@code file} (PNG). */
    public static void write(CurveEvaluation e, String curveName, Path file) {
        writePaths(List.of(e.curve(), e.line()), List.of(curveName, "line"), file);
    }

    /**
     * Writes the train loss and the test error (the train error without test data) of several paths against t,
     * each named in the legend, to {@code file} (PNG).
     */
    public static void writePaths(List<PathProfile> paths, List<String> names, Path file) {
        Color[] colours = {CURVE, LINE, THIRD};
        boolean test = paths.get(0).hasTest();
        XYChart loss = chart("Train loss along the path", "train loss (NLL)");
        XYChart error = test ? chart("Test error along the path", "test error (%)")
            : chart("Train error along the path", "train error (%)");
        for (int i = 0; i < paths.size(); i++) {
            Color c = colours[i % colours.length];
            add(loss, names.get(i), paths.get(i), PathPoint::trainLoss, c);
            add(error, names.get(i), paths.get(i), test ? PathPoint::testErrorPercent : PathPoint::trainErrorPercent, c);
        }
        save(List.of(loss, error), file);
    }

    static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(560).height(400).title(title).xAxisTitle("t").yAxisTitle(yTitle)
            .build();
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        // Outside, so that the legend never hides the barrier at the middle of the path.
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setAntiAlias(true);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        return c;
    }

    private static void add(XYChart chart, String name, PathProfile path,
            java.util.function.ToDoubleFunction<PathPoint> value, Color color) {
        if (path.points().isEmpty()) {
            return;
        }
        double[] x = path.points().stream().mapToDouble(PathPoint::t).toArray();
        double[] y = path.points().stream().mapToDouble(value).toArray();
        XYSeries s = chart.addSeries(name, x, finiteOrGap(y));
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(new BasicStroke(2f));
    }

    /** Saves charts side by side as one PNG. */
    static void save(List<XYChart> charts, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            String base = file.toString().endsWith(".png") ? file.toString().substring(0, file.toString().length() - 4)
                : file.toString();
            BitmapEncoder.saveBitmap(List.copyOf(charts), 1, charts.size(), base, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new InvalidInputException("The plot '" + file + "' could not be written: " + e.getMessage() + ".", e,
                "Check that the folder is writable.");
        }
    }

    /**
     * The values with every infinity replaced by NaN, which the chart draws as a gap: an exploding run (a
     * distance or loss past the float range) is still drawn, up to where it left the range.
     */
    static double[] finiteOrGap(double[] y) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isInfinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }
}
