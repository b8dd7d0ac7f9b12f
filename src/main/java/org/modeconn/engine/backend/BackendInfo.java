package org.modeconn.engine.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which ND4J backend and device an operation ran on, for provenance and for the user.
 *
 * @param backend ND4J's backend name (CPU or CUDA)
 * @param device the device, e.g. "CPU (2 cores, amd64)" or the GPU's name
 * @param blas the BLAS library in use
 * @param blasKernels which OpenBLAS kernels were asked for (see {@code OpenBlasKernels})
 * @param threads ND4J's OpenMP thread count (0 if unknown)
 * @param threading how OpenMP threads wait (see {@code NativeThreading})
 * @param cpu whether it is the CPU backend
 * @param note why a present GPU was not used, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackendInfo(@JsonProperty("backend") String backend, @JsonProperty("device") String device,
        @JsonProperty("blas") String blas, @JsonProperty("blasKernels") String blasKernels,
        @JsonProperty("threads") int threads, @JsonProperty("threading") String threading, @JsonProperty("cpu") boolean cpu,
        @JsonProperty("note") String note) {

    /** The same with {@code more} added to its note. */
    public BackendInfo withNote(String more) {
        return new BackendInfo(backend, device, blas, blasKernels, threads, threading, cpu, note == null ? more
            : note + "; " + more);
    }
}
