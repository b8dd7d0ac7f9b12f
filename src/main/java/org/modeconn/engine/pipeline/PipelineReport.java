package org.modeconn.engine.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.record.Json;
import org.modeconn.engine.report.AlignmentReport;
import org.modeconn.engine.report.CurveTables;
import org.modeconn.engine.report.PlaneTables;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the pipeline's summary.json and the index.html that shows every figure and the summary table. */
final class PipelineReport {

    private PipelineReport() {
    }

    static ObjectNode summary(PipelineResult r, PipelineSettings settings) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("endpoint_1_test_error", r.first().finalTest().errorPercent());
        s.put("endpoint_2_test_error", r.second().finalTest().errorPercent());
        s.put("ind_ensemble_test_error", r.independentEnsemble().errorPercent());
        s.set("curve_evaluation", CurveTables.summary(r.evaluation()));
        ObjectNode alignment = AlignmentReport.summary(r.alignment());
        alignment.set("aligned_line", CurveTables.pathSummary(r.alignedLine()));
        s.set("alignment", alignment);
        s.put("fge_start_test_error", r.fge().start().errorPercent());
        s.put("fge_ensemble_test_error", r.fge().ensembleTestError());
        s.put("swa_test_error", r.fge().swaTestError());
        s.put("fge_snapshots", r.fge().snapshots().size());
        s.put("single_test_error", r.first().finalTest().errorPercent());
        s.set("plane", PlaneTables.summary(r.plane()));
        s.set("random_directions", PlaneTables.summary(r.around()));
        s.put("endpoint_seconds_per_epoch", r.first().seconds() / r.first().history().size());
        s.put("curve_seconds", r.curveSeconds());
        s.put("evaluation_seconds", r.evaluation().seconds());
        s.put("fge_seconds", r.fge().seconds());
        s.put("plane_seconds", r.plane().seconds());
        s.put("seconds", r.seconds());
        s.put("runner", r.runner());
        s.put("backend", ComputeContext.current().describe());
        s.put("version", ToolVersion.VERSION);
        s.put("scaling", settings.scaling().word());
        s.put("augmentation", settings.augmentation().toString());
        return s;
    }

    static void write(PipelineResult r, PipelineSettings settings, Dataset train, Dataset test, Path out) {
        try {
            Json.MAPPER.writeValue(out.resolve("summary.json").toFile(), summary(r, settings));
            Files.writeString(out.resolve("index.html"), html(r, settings, train, test), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("The report in '" + out + "' could not be written: " + e.getMessage() + ".",
                e, "Check that the folder is writable.");
        }
    }

    private static String html(PipelineResult r, PipelineSettings s, Dataset train, Dataset test) {
        PathProfile curve = r.evaluation().curve();
        PathProfile line = r.evaluation().line();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
            .append("<title>Mode connectivity report</title>\n<style>\n")
            .append("body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}\n")
            .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.35em .8em;")
            .append("text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}\n")
            .append("img{max-width:100%;border:1px solid #ddd;margin:.5em 0}code{background:#f5f5f5;padding:0 .2em}\n")
            .append("</style></head><body>\n");
        h.append("<h1>Mode connectivity: ").append(esc(s.architecture())).append("</h1>\n");
        h.append("<p>Training data: ").append(esc(train.toString())).append("<br>Test data: ")
            .append(esc(test.toString())).append("<br>Feature scaling: ").append(esc(s.scaling().word()))
            .append(", augmentation of training images: ").append(esc(s.augmentation().toString()))
            .append("<br>Backend: ").append(esc(ComputeContext.current().describe()))
            .append("<br>modeconn ").append(ToolVersion.VERSION).append(", total ")
            .append(fmt("%.0f", r.seconds())).append(" s</p>\n");

        h.append("<h2>Summary</h2>\n<table>\n<tr><th>measure</th><th>test error</th><th>train loss</th></tr>\n");
        row(h, "endpoint 1 (seed 1)", r.first().finalTest().errorPercent(), r.first().finalTrain().loss());
        row(h, "endpoint 2 (seed 2)", r.second().finalTest().errorPercent(), r.second().finalTrain().loss());
        row(h, "straight line: worst point", line.maxTestError(), line.maxTrainLoss());
        row(h, s.curveType().label() + " curve: worst point", curve.maxTestError(), curve.maxTrainLoss());
        PathProfile aligned = r.alignedLine();
        row(h, "straight line to endpoint 2 aligned: worst point", aligned.maxTestError(), aligned.maxTrainLoss());
        h.append("<tr><td>barrier (worst point − mean of the ends): line / aligned line / curve</td><td>")
            .append(fmt("%.2f", line.barrierTestError())).append(" / ").append(fmt("%.2f", aligned.barrierTestError()))
            .append(" / ").append(fmt("%.2f", curve.barrierTestError())).append(" points</td><td>")
            .append(fmt("%.4f", line.barrierTrainLoss())).append(" / ").append(fmt("%.4f", aligned.barrierTrainLoss()))
            .append(" / ").append(fmt("%.4f", curve.barrierTrainLoss())).append("</td></tr>\n");
        row(h, "ensemble of " + r.evaluation().ensemblePoints() + " points along the curve",
            r.evaluation().ensembleTestError(), Double.NaN);
        row(h, "single network (budget 1)", r.first().finalTest().errorPercent(), Double.NaN);
        row(h, "FGE, " + r.fge().snapshots().size() + " snapshots (budget 1)", r.fge().ensembleTestError(),
            Double.NaN);
        row(h, "SWA: the FGE snapshots' mean weights, one network (budget 1)", r.fge().swaTestError(), Double.NaN);
        row(h, "Ind: the two endpoints' ensemble (budget 2)", r.independentEnsemble().errorPercent(), Double.NaN);
        h.append("</table>\n");

        h.append("<h2>Loss and error along the curve and the line</h2>\n<img src=\"curve.png\" alt=\"curve profile\">\n")
            .append("<p>").append(s.curvePoints()).append(" points of t; BatchNorm statistics recomputed at each. ")
            .append("Table: <a href=\"curve.csv\">curve.csv</a>.</p>\n");
        h.append("<h2>The line to endpoint 2 aligned to endpoint 1</h2>\n<img src=\"aligned-line.png\" ")
            .append("alt=\"aligned line\">\n<p>Endpoint 2 with its hidden units reordered to match endpoint 1 by ")
            .append("weight matching (Ainsworth et al., 2023): the same function, ").append(r.alignment().groups().size())
            .append(" permutations matched in ").append(r.alignment().sweeps()).append(" sweeps; the distance between ")
            .append("the endpoints fell from ").append(fmt("%.2f", AlignmentReport.totalDistance(r.alignment(), false)))
            .append(" to ").append(fmt("%.2f", AlignmentReport.totalDistance(r.alignment(), true)))
            .append(". Tables: <a href=\"aligned-line.csv\">aligned-line.csv</a>, per layer ")
            .append("<a href=\"alignment.csv\">alignment.csv</a>.</p>\n");
        h.append("<h2>Fast Geometric Ensembling</h2>\n<img src=\"fge.png\" alt=\"FGE\">\n<p>From the checkpoint after ")
            .append("epoch ").append(s.epochs() - s.fgeEpochs()).append(" of endpoint 1: ").append(s.fgeEpochs())
            .append(" epochs of cyclical learning rate (0.05 → 0.0005), ").append(r.fge().snapshots().size())
            .append(" snapshots. Start network ").append(fmt("%.2f", r.fge().start().errorPercent()))
            .append("%, ensemble ").append(fmt("%.2f", r.fge().ensembleTestError())).append("%, the average of the ")
            .append("snapshots' weights (SWA, BatchNorm recomputed) ").append(fmt("%.2f", r.fge().swaTestError()))
            .append("%.</p>\n");
        h.append("<h2>The plane through w1, θ and w2</h2>\n<img src=\"plane.png\" alt=\"plane\">\n<p>")
            .append(s.planeGrid()).append(" × ").append(s.planeGrid()).append(" grid; ‖w2 − w1‖ = ")
            .append(fmt("%.2f", r.plane().lengthU())).append(", the bend lies ").append(fmt("%.2f", r.plane().lengthV()))
            .append(" off the line; train loss on ").append(r.plane().trainExamples())
            .append(" training examples. Grid: <a href=\"plane.csv\">plane.csv</a>.</p>\n");
        h.append("<h2>Two random directions around endpoint 1</h2>\n<img src=\"random-directions.png\" ")
            .append("alt=\"random directions\">\n<p>The same grid along two random directions, each filter's or ")
            .append("neuron's part scaled to the norm of its weights (Li et al., 2018), α and β from −1 to 1; biases ")
            .append("and BatchNorm parameters stay. Grid: <a href=\"random-directions.csv\">random-directions.csv</a>.")
            .append("</p>\n");
        h.append("<h2>Files</h2>\n<ul>\n");
        for (String f : new String[] {"endpoint-1.net", "endpoint-2.net", "endpoint-2-aligned.net",
            "endpoint-1-epoch" + (s.epochs() - s.fgeEpochs()) + ".net", "curve.curve", "fge.ens", "curve.csv",
            "aligned-line.csv", "alignment.csv", "plane.csv", "random-directions.csv", "summary.json"}) {
            h.append("<li><a href=\"").append(f).append("\">").append(f).append("</a></li>\n");
        }
        h.append("</ul>\n</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, double error, double loss) {
        h.append("<tr><td>").append(esc(name)).append("</td><td>").append(fmt("%.2f%%", error)).append("</td><td>")
            .append(Double.isNaN(loss) ? "" : fmt("%.4f", loss)).append("</td></tr>\n");
    }

    private static String fmt(String pattern, double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, pattern, v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
