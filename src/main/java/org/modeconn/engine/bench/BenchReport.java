package org.modeconn.engine.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.backend.BackendInfo;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark's results: one table with each figure beside the reference implementation's (times and
 * memory as a ratio, ours / reference: below 1 is faster or smaller), and the same as JSON.
 *
 * @param settings what was run
 * @param entries the figures per network, in run order
 */
public record BenchReport(BenchSettings settings, List<Entry> entries) {

    /** Figures compared as a ratio (lower is better); the others are quality figures, shown beside the reference's. */
    private static final Set<String> RATIO_KEYS = Set.of("endpoint_sec_per_epoch", "curve_sec_per_epoch",
        "polychain_sec_per_epoch", "eval_bezier_sec", "eval_polychain_sec", "eval_line_sec", "eval_sec",
        "fge_sec_per_epoch", "plane_sec");

    /** Per-epoch figures compare even in a quick run; whole-operation times only at the specification's sizes. */
    private static final Set<String> PER_EPOCH = Set.of("endpoint_sec_per_epoch", "curve_sec_per_epoch",
        "polychain_sec_per_epoch", "fge_sec_per_epoch");

    /**
     * One network's figures.
     *
     * @param network the network
     * @param figures its figures
     */
    public record Entry(BenchNetwork network, NetworkFigures figures) {
    }

    /** The text table. */
    public String table() {
        StringBuilder t = new StringBuilder();
        t.append(environment()).append('\n');
        if (!settings.isSpecification()) {
            t.append("quick run: sizes smaller than the specification; only per-epoch times are compared with "
                + "the reference\n");
        }
        t.append(String.format(Locale.ROOT, "%-36s", "figure"));
        for (Entry e : entries) {
            t.append(String.format(Locale.ROOT, "%26s", e.network()));
        }
        t.append('\n');
        for (Map.Entry<String, String> label : NetworkFigures.LABELS.entrySet()) {
            String key = label.getKey();
            if (entries.stream().noneMatch(e -> e.figures().values().containsKey(key))) {
                continue;
            }
            t.append(String.format(Locale.ROOT, "%-36s", label.getValue()));
            for (Entry e : entries) {
                t.append(String.format(Locale.ROOT, "%26s", cell(e, key)));
            }
            t.append('\n');
        }
        t.append("ratio = ours / reference (below 1: faster); reference: ").append(ReferenceAnchors.source())
            .append('\n');
        return t.toString();
    }

    private String cell(Entry e, String key) {
        Double v = e.figures().values().get(key);
        if (v == null) {
            return "—";
        }
        String value = key.equals("parameters") ? String.format(Locale.ROOT, "%,.0f", v)
            : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.3g", v);
        OptionalDouble ref = ReferenceAnchors.of(e.network(), key);
        if (ref.isEmpty() || key.equals("parameters")) {
            return value;
        }
        if (RATIO_KEYS.contains(key)) {
            return settings.isSpecification() || PER_EPOCH.contains(key)
                ? String.format(Locale.ROOT, "%s (×%.2f)", value, v / ref.getAsDouble()) : value;
        }
        return settings.isSpecification() ? String.format(Locale.ROOT, "%s (ref %s)", value,
            String.format(Locale.ROOT, "%.3g", ref.getAsDouble())) : value;
    }

    /** The JSON form: one object per network with every figure and its ratio to the reference. */
    public ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        BackendInfo b = ComputeContext.current().backend();
        ObjectNode env = root.putObject("environment");
        env.put("backend", b.backend()).put("device", b.device()).put("blas", b.blas())
            .put("blas_kernels", b.blasKernels()).put("compute", ComputeContext.current().describe())
            .put("threading", b.threading()).put("java", System.getProperty("java.version"))
            .put("tool_version", ToolVersion.VERSION).put("dl4j_version", "1.0.0-M2.1")
            .put("cpu", cpuModel()).put("cores", Runtime.getRuntime().availableProcessors())
            .put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024))
            .put("date", Instant.now().toString()).put("specification_sizes", settings.isSpecification());
        for (Entry e : entries) {
            ObjectNode n = root.putObject(e.network().name());
            for (Map.Entry<String, Double> v : e.figures().values().entrySet()) {
                n.put(v.getKey(), v.getValue());
                OptionalDouble ref = ReferenceAnchors.of(e.network(), v.getKey());
                if (ref.isPresent() && RATIO_KEYS.contains(v.getKey())) {
                    n.put(v.getKey() + "_ratio_to_reference", v.getValue() / ref.getAsDouble());
                }
                if (ref.isPresent() && !RATIO_KEYS.contains(v.getKey())) {
                    n.put(v.getKey() + "_reference", ref.getAsDouble());
                }
            }
        }
        return root;
    }

    private static String environment() {
        return "backend: " + ComputeContext.current().describe() + "\nmachine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
            + " cores; Java " + System.getProperty("java.version") + " (" + ManagementFactory.getRuntimeMXBean()
                .getVmName() + "), max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; modeconn "
            + ToolVersion.VERSION + ", DL4J/ND4J 1.0.0-M2.1";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
