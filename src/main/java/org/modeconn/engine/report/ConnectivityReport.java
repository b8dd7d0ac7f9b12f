package org.modeconn.engine.report;

import java.awt.Color;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A connectivity matrix as a table (one row per pair), a JSON summary and a heat map of the barriers. */
public final class ConnectivityReport {

    private ConnectivityReport() {
    }

    /**
     * The pair table's columns, in order (the CSV's header and the KNIME table's column names): the two networks,
     * the line's barriers and, when curves were fitted, the curve's (test errors in points of %).
     */
    public static final List<String> COLUMNS = List.of("a", "b", "line_barrier_train_loss", "line_barrier_test_error",
        "curve_barrier_train_loss", "curve_barrier_test_error");

    /** One row per pair a &lt; b, the columns {@link #COLUMNS}; {@code curves} may be null (those cells empty). */
    public static void writeCsv(final ConnectivityMatrix lines, final ConnectivityMatrix curves, final Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(String.join(",", COLUMNS) + "\n");
                for (int i = 0; i < lines.names().size(); i++) {
                    for (int j = i + 1; j < lines.names().size(); j++) {
                        w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s%n", lines.names().get(i),
                            lines.names().get(j), loss(lines, i, j), error(lines, i, j), loss(curves, i, j),
                            error(curves, i, j)));
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("The table '" + file + "' could not be written: " + e.getMessage() + ".",
                e, "Check that the folder is writable.");
        }
    }

    private static String loss(final ConnectivityMatrix m, final int i, final int j) {
        return m == null ? "" : String.format(Locale.ROOT, "%.6f", m.barrierTrainLoss()[i][j]);
    }

    private static String error(final ConnectivityMatrix m, final int i, final int j) {
        return m == null || !m.hasTest() ? "" : String.format(Locale.ROOT, "%.4f", m.barrierTestError()[i][j]);
    }

    /** The summary: the names, both matrices, and the largest and mean barrier over the pairs. */
    public static ObjectNode summary(final ConnectivityMatrix m) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        ArrayNode names = s.putArray("networks");
        m.names().forEach(names::add);
        s.put("points", m.points());
        s.set("barrier_train_loss", Json.MAPPER.valueToTree(m.barrierTrainLoss()));
        if (m.hasTest()) {
            s.set("barrier_test_error", Json.MAPPER.valueToTree(m.barrierTestError()));
        }
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int pairs = 0;
        double[][] shown = m.hasTest() ? m.barrierTestError() : m.barrierTrainLoss();
        for (int i = 0; i < shown.length; i++) {
            for (int j = i + 1; j < shown.length; j++) {
                max = Math.max(max, shown[i][j]);
                sum += shown[i][j];
                pairs++;
            }
        }
        String key = m.hasTest() ? "test_error" : "train_loss";
        s.put("max_barrier_" + key, max);
        s.put("mean_barrier_" + key, sum / pairs);
        return s;
    }

    /** A heat map of the lines' test-error barriers (train-loss barriers without test data), one cell a pair. */
    public static void writeHeatMap(final ConnectivityMatrix m, final Path file) {
        writeHeatMap(m, "Line", file);
    }

    /**
     * A heat map of {@code m}'s test-error barriers (train-loss barriers without test data), one cell a pair; {@code
     * paths} names what was measured ("Line", "Curve").
     */
    public static void writeHeatMap(final ConnectivityMatrix m, final String paths, final Path file) {
        double[][] values = m.hasTest() ? m.barrierTestError() : m.barrierTrainLoss();
        int n = values.length;
        HeatMapChart chart = new HeatMapChartBuilder().width(120 + 70 * n).height(100 + 60 * n)
            .title(paths + (m.hasTest() ? " barriers: test error (points)" : " barriers: train loss")).build();
        chart.getStyler().setShowValue(true).setMin(0).setChartBackgroundColor(Color.WHITE)
            .setLegendVisible(true);
        List<Number[]> heat = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                heat.add(new Number[] {i, j, Math.round(values[j][i] * 100) / 100.0});
            }
        }
        chart.addSeries("barrier", m.names(), m.names(), heat);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String base = file.toString().endsWith(".png") ? file.toString().substring(0, file.toString().length() - 4)
                : file.toString();
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new InvalidInputException("The plot '" + file + "' could not be written: " + e.getMessage() + ".",
                e, "Check that the folder is writable.");
        }
    }
}
