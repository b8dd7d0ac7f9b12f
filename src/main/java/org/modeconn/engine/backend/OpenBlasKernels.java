package org.modeconn.engine.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses OpenBLAS's kernels where its own detection falls short. The OpenBLAS that ND4J bundles recognises
 * CPUs by model number and runs its slowest, pre-AVX kernels ("Prescott") on models newer than its table
 * (Intel's Sapphire and Emerald Rapids, AMD's Zen 5), which makes every dense layer far slower. Before
 * OpenBLAS loads, and only where the user has not set {@value #CORE_TYPE}, it is set from the instruction
 * sets the CPU reports: the same kernels OpenBLAS picks for the models it knows.
 */
final class OpenBlasKernels {

    static final String CORE_TYPE = "OPENBLAS_CORETYPE";

    private OpenBlasKernels() {
    }

    /** Sets {@value #CORE_TYPE} for this process where it helps; returns a note of what was done. */
    static String chooseForThisCpu() {
        String current = System.getenv(CORE_TYPE);
        if (current != null) {
            return CORE_TYPE + "=" + current + " (set by the user)";
        }
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "OpenBLAS's own CPU detection";
        }
        String core;
        try {
            core = coreTypeFor(Files.readString(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return "OpenBLAS's own CPU detection (" + e.getMessage() + ")";
        }
        if (core == null) {
            return "OpenBLAS's own CPU detection";
        }
        String failure = NativeThreading.setEnvironment(CORE_TYPE, core);
        return failure == null ? CORE_TYPE + "=" + core : "OpenBLAS's own CPU detection (" + failure + ")";
    }

    /**
     * The OpenBLAS core type for the CPU that {@code cpuinfo} (the text of Linux's /proc/cpuinfo)
     * describes, or null where OpenBLAS's own detection should stand (no AVX2, another vendor).
     */
    static String coreTypeFor(String cpuinfo) {
        String vendor = field(cpuinfo, "vendor_id");
        String flagText = field(cpuinfo, "flags");
        if (vendor == null || flagText == null) {
            return null;
        }
        Set<String> flags = new HashSet<>(Arrays.asList(flagText.toLowerCase(Locale.ROOT).split("\\s+")));
        boolean avx2 = flags.contains("avx2") && flags.contains("fma");
        boolean avx512 = avx2 && flags.containsAll(Set.of("avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"));
        switch (vendor) {
            case "GenuineIntel":
                if (avx512) {
                    return flags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX";
                }
                return avx2 ? "Haswell" : null;
            case "AuthenticAMD":
            case "HygonGenuine":
                return avx2 ? "Zen" : null;
            default:
                return null;
        }
    }

    /** The value of the first "name : value" line of {@code cpuinfo}, or null. */
    private static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
