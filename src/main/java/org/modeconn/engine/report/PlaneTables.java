package org.modeconn.engine.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.plane.PlaneResult;

/** Writes a plane slice as a CSV grid and as a JSON summary. */
public final class PlaneTables {

    private PlaneTables() {
    }

    /** Columns: x, y (lengths in weight space), alpha, beta (in units of ‖u‖ and ‖v⊥‖), the figures. */
    public static void writeCsv(PlaneResult r, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("x,y,alpha,beta,train_loss,train_error,test_loss,test_error\n");
                for (int i = 0; i < r.ys().length; i++) {
                    for (int j = 0; j < r.xs().length; j++) {
                        w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.4f,%.4f,%.6f,%.4f,%s,%s%n", r.xs()[j],
                            r.ys()[i], r.xs()[j] / r.lengthU(), r.ys()[i] / r.lengthV(), r.trainLoss()[i][j],
                            r.trainError()[i][j],
                            r.hasTest() ? String.format(Locale.ROOT, "%.6f", r.testLoss()[i][j]) : "",
                            r.hasTest() ? String.format(Locale.ROOT, "%.4f", r.testError()[i][j]) : ""));
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("The table '" + file + "' could not be written: " + e.getMessage() + ".", e,
                "Check that the folder is writable.");
        }
    }

    /** The summary: axes' lengths, the three points and the curve in the plane, the ranges of the figures. */
    public static ObjectNode summary(PlaneResult r) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("grid", r.xs().length);
        s.put("length_u", r.lengthU());
        s.put("length_v", r.lengthV());
        s.put("train_examples", r.trainExamples());
        ArrayNode anchors = s.putArray("points");
        for (int i = 0; i < r.anchors().length; i++) {
            anchors.addObject().put("name", r.anchorNames().get(i)).put("x", r.anchors()[i][0])
                .put("y", r.anchors()[i][1]);
        }
        ArrayNode curve = s.putArray("curve");
        for (double[] p : r.curve()) {
            curve.addArray().add(p[0]).add(p[1]);
        }
        s.put("min_train_loss", min(r.trainLoss()));
        s.put("max_train_loss", max(r.trainLoss()));
        if (r.hasTest()) {
            s.put("min_test_error", min(r.testError()));
            s.put("max_test_error", max(r.testError()));
        }
        s.put("seconds", r.seconds());
        return s;
    }

    private static double min(double[][] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] row : v) {
            for (double x : row) {
                m = Math.min(m, x);
            }
        }
        return m;
    }

    private static double max(double[][] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            for (double x : row) {
                m = Math.max(m, x);
            }
        }
        return m;
    }
}
