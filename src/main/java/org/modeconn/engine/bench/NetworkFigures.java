package org.modeconn.engine.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one network's benchmark run, by the JSON keys of the issue and ANCHORS.md (seconds,
 * MB, test errors in %). A figure that was not measured is absent.
 */
public final class NetworkFigures {

    /** The keys in table order, with their labels. */
    public static final Map<String, String> LABELS = labels();

    private final Map<String, Double> values = new LinkedHashMap<>();

    /** Sets a figure. */
    public NetworkFigures put(String key, double value) {
        if (!LABELS.containsKey(key)) {
            throw new IllegalArgumentException("unknown figure " + key);
        }
        values.put(key, value);
        return this;
    }

    /** The figures measured, in table order. */
    public Map<String, Double> values() {
        Map<String, Double> ordered = new LinkedHashMap<>();
        for (String k : LABELS.keySet()) {
            if (values.containsKey(k)) {
                ordered.put(k, values.get(k));
            }
        }
        return ordered;
    }

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("parameters", "parameters");
        m.put("endpoint_sec_per_epoch", "endpoint training, s/epoch");
        m.put("curve_sec_per_epoch", "Bezier curve fitting, s/epoch");
        m.put("polychain_sec_per_epoch", "polychain curve fitting, s/epoch");
        m.put("eval_bezier_sec", "evaluation, Bezier (s)");
        m.put("eval_polychain_sec", "evaluation, polychain (s)");
        m.put("eval_line_sec", "evaluation, line (s)");
        m.put("eval_sec", "evaluation, all three paths (s)");
        m.put("fge_sec_per_epoch", "FGE training, s/epoch (mean of 4)");
        m.put("fge_snapshot_sec", "FGE snapshot: BN recomputed, tested (s)");
        m.put("plane_sec", "plane grid (s)");
        m.put("align_sec", "weight matching (s)");
        m.put("peak_rss_mb", "peak resident memory (MB)");
        m.put("peak_heap_mb", "peak Java heap (MB)");
        m.put("peak_offheap_mb", "peak resident outside heap (MB)");
        m.put("endpoint_test_error_seed1", "endpoint test error, seed 1 (%)");
        m.put("endpoint_test_error_seed2", "endpoint test error, seed 2 (%)");
        m.put("line_max_test_error", "line: max test error (%)");
        m.put("line_max_train_loss", "line: max train NLL");
        m.put("bezier_max_test_error", "Bezier: max test error (%)");
        m.put("bezier_max_train_loss", "Bezier: max train NLL");
        m.put("polychain_max_test_error", "polychain: max test error (%)");
        m.put("polychain_max_train_loss", "polychain: max train NLL");
        for (String path : new String[] {"line", "bezier", "polychain", "aligned_line", "aligned_bezier",
            "aligned_repair_line"}) {
            String label = path.replace("aligned_repair_line", "aligned line with REPAIR")
                .replace("aligned_", "aligned ").replace("bezier", "Bezier");
            m.put(path + "_barrier_test_error", label + ": barrier, test error (points)");
            m.put(path + "_barrier_train_loss", label + ": barrier, train NLL");
        }
        m.put("align_sweeps", "weight matching: sweeps");
        m.put("fge_ensemble_test_error", "FGE ensemble test error (%)");
        m.put("swa_test_error", "SWA (the FGE snapshots' mean weights) test error (%)");
        m.put("single_test_error", "single network test error (%)");
        m.put("ind_test_error", "Ind (two endpoints) test error (%)");
        m.put("merge_sec", "merging the two endpoints (s)");
        m.put("merged_test_error", "the two endpoints merged (aligned, averaged) test error (%)");
        return m;
    }
}
