package org.modeconn.engine.backend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.modeconn.engine.InvalidInputException;

/**
 * What the user asked of the computation, before it is resolved against this machine: the backend, the layer
 * kernels, the passes, the convolution algorithm and a thread count. A value like any setting, validated on
 * construction; {@link #fromSystem} is the one place that reads the system properties and environment variables
 * which set it (for KNIME: {@code -D} lines in knime.ini).
 *
 * @param backend {@code auto} (the GPU when one it supports is present), {@code cuda} or {@code cpu}
 * @param layerKernels {@code auto} (oneDNN where it loads), {@code onednn} (the same, saying why when it cannot) or
 *     {@code libnd4j}
 * @param passes {@code own} (the engine's passes where they exist) or {@code deeplearning4j} (its layers everywhere)
 * @param convolution {@code auto} (oneDNN's choice, Winograd where faster) or {@code direct}
 * @param threads native threads per run; 0 lets the process's {@link ThreadBudget} share the cores out
 */
public record ComputeOptions(@JsonProperty("backend") String backend, @JsonProperty("layerKernels") String layerKernels,
        @JsonProperty("passes") String passes, @JsonProperty("convolution") String convolution,
        @JsonProperty("threads") int threads) implements java.io.Serializable {

    /** System property (or environment variable MODECONN_BACKEND) of {@link #backend}. */
    public static final String BACKEND_PROPERTY = "modeconn.backend";
    /** System property of {@link #layerKernels}; {@code false} is read as {@code libnd4j}, as before. */
    public static final String LAYER_KERNELS_PROPERTY = "modeconn.onednn";
    /** System property of {@link #passes}: {@code true} is read as {@code deeplearning4j}. */
    public static final String GENERIC_PASSES_PROPERTY = "modeconn.genericPasses";
    /** System property of {@link #convolution}: {@code true} is read as {@code direct}. */
    public static final String DIRECT_CONVOLUTION_PROPERTY = "modeconn.directConvolution";
    /** System property (or environment variable MODECONN_THREADS) of {@link #threads}. */
    public static final String THREADS_PROPERTY = "modeconn.threads";

    /** The defaults: everything chosen for this machine, threads from the shared budget. */
    public static final ComputeOptions DEFAULTS = new ComputeOptions("auto", "auto", "own", "auto", 0);

    /** Validates and normalises ({@code gpu} is read as {@code cuda}). */
    public ComputeOptions {
        backend = oneOf(backend, "backend", BACKEND_PROPERTY, Map.of("gpu", "cuda"), "auto", "cuda", "cpu");
        layerKernels = oneOf(layerKernels, "layer kernels", LAYER_KERNELS_PROPERTY,
            Map.of("true", "auto", "false", "libnd4j"), "auto", "onednn", "libnd4j");
        passes = oneOf(passes, "passes", GENERIC_PASSES_PROPERTY, Map.of("false", "own", "true", "deeplearning4j"), "own",
            "deeplearning4j");
        convolution = oneOf(convolution, "convolution algorithm", DIRECT_CONVOLUTION_PROPERTY,
            Map.of("false", "auto", "true", "direct"), "auto", "direct");
        if (threads < 0 || threads > 4096) {
            throw new InvalidInputException("The thread count " + threads + " (" + THREADS_PROPERTY + ") is not possible.",
                "Set it to 0 (share the cores between the runs in progress) or to a number of threads from 1 up.");
        }
    }

    /**
     * The options set by system properties, else environment variables (MODECONN_BACKEND, MODECONN_THREADS), else the
     * defaults. Read once per context: nothing else in the engine reads them.
     */
    public static ComputeOptions fromSystem() {
        return from(System::getProperty, System::getenv);
    }

    /** As {@link #fromSystem}, from the given lookups (for tests). */
    static ComputeOptions from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String threads = first(properties.apply(THREADS_PROPERTY), environment.apply("MODECONN_THREADS"), "0");
        int n;
        try {
            n = Integer.parseInt(threads.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("The thread count '" + threads + "' (" + THREADS_PROPERTY
                + " or MODECONN_THREADS) is not a number.", "Set it to 0 (share the cores) or a whole number of threads.");
        }
        return new ComputeOptions(first(properties.apply(BACKEND_PROPERTY), environment.apply("MODECONN_BACKEND"), "auto"),
            first(properties.apply(LAYER_KERNELS_PROPERTY), null, "auto"),
            first(properties.apply(GENERIC_PASSES_PROPERTY), null, "own"),
            first(properties.apply(DIRECT_CONVOLUTION_PROPERTY), null, "auto"), n);
    }

    /** These options with the layer kernels set. */
    public ComputeOptions withLayerKernels(String kernels) {
        return new ComputeOptions(backend, kernels, passes, convolution, threads);
    }

    /** These options with the passes set. */
    public ComputeOptions withPasses(String p) {
        return new ComputeOptions(backend, layerKernels, p, convolution, threads);
    }

    /** These options with the convolution algorithm set. */
    public ComputeOptions withConvolution(String algorithm) {
        return new ComputeOptions(backend, layerKernels, passes, algorithm, threads);
    }

    /** These options with a fixed thread count (0: the shared budget). */
    public ComputeOptions withThreads(int n) {
        return new ComputeOptions(backend, layerKernels, passes, convolution, n);
    }

    private static String first(String a, String b, String otherwise) {
        return Optional.ofNullable(a).or(() -> Optional.ofNullable(b)).orElse(otherwise);
    }

    private static String oneOf(String value, String what, String property, Map<String, String> aliases,
            String... allowed) {
        String v = value == null ? allowed[0] : value.trim().toLowerCase(Locale.ROOT);
        v = aliases.getOrDefault(v, v);
        if (!List.of(allowed).contains(v)) {
            throw new InvalidInputException("The " + what + " '" + value + "' (" + property + ") is not known.",
                "Use one of " + String.join(", ", allowed) + " (in KNIME: -D" + property + "=… in knime.ini after -vmargs).");
        }
        return v;
    }
}
