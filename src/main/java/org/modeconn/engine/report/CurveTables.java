package org.modeconn.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.PathPoint;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.curve.QuantityStatistics;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a curve evaluation as a CSV table (one row per path and t) and as the JSON summary. */
public final class CurveTables {

    private CurveTables() {
    }

    /** The curve and the line; columns: path, t, train_loss, train_error, test_loss, test_error (%), arc_length. */
    public static void writeCsv(CurveEvaluation e, Path file) {
        writeCsv(List.of(e.curve(), e.line()), file);
    }

    /** Paths one after the other, each named by its {@link PathProfile#name()}, the columns of the curve's table. */
    public static void writeCsv(List<PathProfile> paths, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("path,t,train_loss,train_error,test_loss,test_error,arc_length\n");
                for (PathProfile p : paths) {
                    double[] arc = p.arcLengths();
                    for (int i = 0; i < p.points().size(); i++) {
                        PathPoint x = p.points().get(i);
                        w.write(String.format(Locale.ROOT, "%s,%.6f,%.6f,%.4f,%s,%s,%.6f%n", p.name(), x.t(),
                            x.trainLoss(), x.trainErrorPercent(), x.testLoss() == null ? ""
                                : String.format(Locale.ROOT, "%.6f", x.testLoss()), x.testErrorPercent() == null ? ""
                                    : String.format(Locale.ROOT, "%.4f", x.testErrorPercent()), arc[i]));
                    }
                }
            }
        } catch (IOException ex) {
            throw new InvalidInputException("The table '" + file + "' could not be written: " + ex.getMessage() + ".",
                ex, "Check that the folder is writable.");
        }
    }

    /**
     * The summary: per path the extremes and barriers, its length in weight space and each quantity's
     * statistics along it (ends, min, max, mean weighted by length), and the ensembles.
     */
    public static ObjectNode summary(CurveEvaluation e) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.set("curve", pathSummary(e.curve()));
        s.set("line", pathSummary(e.line()));
        putFinite(s, "ensemble_test_error", e.ensembleTestError());
        s.put("ensemble_points", e.ensemblePoints());
        putFinite(s, "endpoints_ensemble_test_error", e.endpointsEnsembleTestError());
        s.put("points", e.curve().points().size());
        s.put("seconds", e.seconds());
        return s;
    }

    /** One path's summary: its extremes, barriers, length and the statistics of each quantity along it. */
    public static ObjectNode pathSummary(PathProfile p) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("max_train_loss", p.maxTrainLoss());
        o.put("barrier_train_loss", p.barrierTrainLoss());
        o.put("barrier_train_error", p.barrierTrainError());
        putFinite(o, "max_test_error", p.maxTestError());
        putFinite(o, "min_test_error", p.minTestError());
        putFinite(o, "barrier_test_error", p.barrierTestError());
        putFinite(o, "start_test_error", p.hasTest() ? p.points().get(0).testErrorPercent() : Double.NaN);
        putFinite(o, "end_test_error", p.hasTest() ? p.points().get(p.points().size() - 1).testErrorPercent()
            : Double.NaN);
        o.put("length", p.length());
        ObjectNode statistics = o.putObject("statistics");
        for (QuantityStatistics q : p.statistics()) {
            ObjectNode s = statistics.putObject(q.quantity());
            putFinite(s, "start", q.start());
            putFinite(s, "end", q.end());
            putFinite(s, "min", q.min());
            putFinite(s, "max", q.max());
            putFinite(s, "mean", q.mean());
        }
        return o;
    }

    private static void putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        }
    }
}
