package org.modeconn.engine.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.align.LayerMatch;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A weight matching as a table (one row per layer, before and after) and a JSON summary. */
public final class AlignmentReport {

    /** The table's columns, in order: the CSV's header and the KNIME table's column names. */
    public static final List<String> COLUMNS = List.of("layer", "units", "permutation", "cosine_before",
        "cosine_after", "distance_before", "distance_after");

    private AlignmentReport() {
    }

    /** One row per layer, the columns {@link #COLUMNS}. */
    public static void writeCsv(final Alignment alignment, final Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(String.join(",", COLUMNS) + "\n");
                for (LayerMatch l : alignment.layers()) {
                    w.write(String.format(Locale.ROOT, "%s,%d,%s,%.6f,%.6f,%.6f,%.6f%n", l.layer(), l.units(),
                        l.permutation(), l.cosineBefore(), l.cosineAfter(), l.distanceBefore(), l.distanceAfter()));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("The table '" + file + "' could not be written: " + e.getMessage() + ".",
                e, "Check that the folder is writable.");
        }
    }

    /** The summary: sweeps, convergence, the objective and the distance between the two networks before and after. */
    public static ObjectNode summary(final Alignment alignment) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("permutations", alignment.groups().size());
        s.put("sweeps", alignment.sweeps());
        s.put("converged", alignment.converged());
        s.put("objective_before", alignment.objectiveBefore());
        s.put("objective_after", alignment.objectiveAfter());
        s.put("distance_before", totalDistance(alignment, false));
        s.put("distance_after", totalDistance(alignment, true));
        ArrayNode layers = s.putArray("layers");
        alignment.layers().forEach(l -> layers.add(Json.MAPPER.valueToTree(l)));
        return s;
    }

    /** The Euclidean distance between the two networks' trainable parameters, before or after matching. */
    public static double totalDistance(final Alignment alignment, final boolean after) {
        double sum = 0;
        for (LayerMatch l : alignment.layers()) {
            double d = after ? l.distanceAfter() : l.distanceBefore();
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
