package org.modeconn.engine.network.kernels;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.modeconn.engine.backend.ComputeOptions;

/**
 * Which kernels a run's networks execute on, resolved once against this machine from the options, with the reason for
 * every fallback: the engine's own passes or Deeplearning4j's layers, their layer kernels on oneDNN or on libnd4j, and
 * the convolution algorithm.
 *
 * @param ownPasses whether the engine's own passes run where they exist (else Deeplearning4j's layers everywhere)
 * @param oneDnn whether convolutions, BatchNorm, ReLU and pooling run on oneDNN (else on libnd4j's operations)
 * @param directConvolution whether oneDNN's convolutions are kept direct (else oneDNN chooses, Winograd where faster)
 * @param fallback why a choice differs from what was asked or from the fastest, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KernelChoice(@JsonProperty("ownPasses") boolean ownPasses, @JsonProperty("oneDnn") boolean oneDnn,
        @JsonProperty("directConvolution") boolean directConvolution, @JsonProperty("fallback") String fallback) {

    /**
     * Resolves the options here: oneDNN is used unless libnd4j was asked for or its library cannot run (then the reason
     * is kept); the own passes unless Deeplearning4j's were asked for or the backend is not the CPU's.
     *
     * @param options what was asked
     * @param cpuBackend whether ND4J runs on the CPU (the own passes need CPU memory)
     */
    public static KernelChoice resolve(ComputeOptions options, boolean cpuBackend) {
        StringBuilder why = new StringBuilder();
        boolean own = options.passes().equals("own") && cpuBackend && LayerPasses.available();
        if (!own) {
            why.append(options.passes().equals("own") ? "Deeplearning4j's layers: the engine's passes need the CPU backend"
                : "Deeplearning4j's layers, as asked (" + ComputeOptions.GENERIC_PASSES_PROPERTY + ")");
        }
        boolean oneDnn = false;
        if (options.layerKernels().equals("libnd4j")) {
            append(why, "layer kernels on libnd4j, as asked (" + ComputeOptions.LAYER_KERNELS_PROPERTY + "=false)");
        } else if (own) {
            String cause = Dnnl.unavailability();
            oneDnn = cause == null;
            if (!oneDnn) {
                append(why, "oneDNN cannot run here (" + cause + "): layer kernels on libnd4j");
            }
        }
        return new KernelChoice(own, oneDnn, options.convolution().equals("direct"), why.length() == 0 ? null
            : why.toString());
    }

    /** One phrase for the backend line and provenance. */
    public String describe() {
        String kernels = !ownPasses ? "Deeplearning4j's layers"
            : "own passes, layer kernels on " + (oneDnn ? "oneDNN (convolutions " + (directConvolution ? "direct"
                : "auto") + ")" : "libnd4j");
        return kernels + (fallback != null ? " [" + fallback + "]" : "");
    }

    private static void append(StringBuilder b, String s) {
        b.append(b.length() == 0 ? "" : "; ").append(s);
    }
}
