package org.modeconn.engine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.ensemble.IterationRecord;
import org.modeconn.engine.ensemble.SnapshotRecord;

/**
 * The FGE figure of the reference's README as a PNG: the learning rate and the distance from the start
 * network per iteration with the snapshots marked, and the test error of each snapshot and of the
 * ensemble so far.
 */
public final class FgePlot {

    private FgePlot() {
    }

    /** Writes the figure to {@code file} (PNG). */
    public static void write(EnsembleRunResult r, Path file) {
        double[] it = r.iterations().stream().mapToDouble(IterationRecord::iteration).toArray();
        double[] snapIt = r.snapshots().stream().mapToDouble(SnapshotRecord::iteration).toArray();

        XYChart rate = CurvePlot.chart("Learning rate", "learning rate");
        line(rate, "rate", it, r.iterations().stream().mapToDouble(IterationRecord::learningRate).toArray(),
            CurvePlot.CURVE);
        markers(rate, "snapshots", snapIt, r.snapshots().stream().mapToDouble(SnapshotRecord::learningRate).toArray());
        rate.setXAxisTitle("iteration");
        rate.getStyler().setXAxisTickMarkSpacingHint(90);

        XYChart distance = CurvePlot.chart("Distance from the start network", "‖w − w₀‖");
        double[] d = r.iterations().stream().mapToDouble(IterationRecord::distance).toArray();
        line(distance, "distance", it, d, CurvePlot.CURVE);
        double[] snapD = new double[snapIt.length];
        for (int i = 0; i < snapIt.length; i++) {
            snapD[i] = d[(int) snapIt[i] - 1];
        }
        markers(distance, "snapshots", snapIt, snapD);
        distance.setXAxisTitle("iteration");
        distance.getStyler().setXAxisTickMarkSpacingHint(90);

        XYChart error = CurvePlot.chart("Test error", "test error (%)");
        double[] k = r.snapshots().stream().mapToDouble(SnapshotRecord::index).toArray();
        if (k.length > 0 && !Double.isNaN(r.snapshots().get(0).testErrorPercent())) {
            line(error, "snapshot", k, r.snapshots().stream().mapToDouble(SnapshotRecord::testErrorPercent)
                .toArray(), CurvePlot.LINE);
            line(error, "ensemble", k, r.snapshots().stream()
                .mapToDouble(SnapshotRecord::ensembleTestErrorPercent).toArray(), CurvePlot.CURVE);
            if (r.start() != null) {
                line(error, "start network", new double[] {k[0], k[k.length - 1]},
                    new double[] {r.start().errorPercent(), r.start().errorPercent()}, Color.GRAY);
            }
        }
        error.setXAxisTitle("snapshots");
        CurvePlot.save(List.of(rate, distance, error), file);
    }

    private static void line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, CurvePlot.finiteOrGap(y));
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f));
        if (x.length < 40) {
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        }
    }

    private static void markers(XYChart c, String name, double[] x, double[] y) {
        if (x.length == 0) {
            return;
        }
        XYSeries s = c.addSeries(name, x, CurvePlot.finiteOrGap(y));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(CurvePlot.LINE);
    }
}
