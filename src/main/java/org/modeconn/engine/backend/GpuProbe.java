package org.modeconn.engine.backend;

import java.util.List;
import java.util.Locale;

/**
 * Decides whether ND4J's CUDA backend can run here before it is loaded: asks the NVIDIA driver (through NVML,
 * see {@link NvmlDevices}) for its GPUs, their compute capability and the CUDA version it supports, so that an
 * unsupported GPU or an old driver is reported and the CPU used, never a crash inside CUDA.
 */
final class GpuProbe {

    /** ND4J 1.0.0-M2.1's CUDA 11.6 build carries kernels for compute capability 3.7 to 8.6 and no PTX. */
    static final double MIN_CAPABILITY = 3.7;
    /** Within a major version cubins run on newer minors (8.6 code runs on Ada's 8.9); 9.0 does not. */
    static final int MAX_MAJOR = 8;
    /** The CUDA version the backend was built for, as NVML writes it (major · 1000 + minor · 10). */
    static final int NEEDED_CUDA = 11060;

    /** The presets' NVML class: present only with the GPU feature (or the {@code cuda} build profile). */
    static final String NVML_CLASS = "org.bytedeco.cuda.global.nvml";

    /** One GPU. */
    record Gpu(int index, String name, double computeCapability) {
        boolean supported() {
            return computeCapability >= MIN_CAPABILITY && (int) Math.floor(computeCapability) <= MAX_MAJOR;
        }
    }

    /**
     * What the driver said.
     *
     * @param gpus the GPUs found
     * @param driverCuda the newest CUDA version the driver runs (major · 1000 + minor · 10), 0 if unknown
     * @param failure why the driver could not be asked, or null
     */
    record Report(List<Gpu> gpus, int driverCuda, String failure) {
        static Report failed(String why) {
            return new Report(List.of(), 0, why);
        }
    }

    private GpuProbe() {
    }

    /** Asks the driver, through NVML when its presets are on {@code loader}'s class path. */
    static Report detect(ClassLoader loader) {
        try {
            Class.forName(NVML_CLASS, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Report.failed("the CUDA presets (org.bytedeco:cuda) are missing beside the CUDA backend; "
                + "reinstall the GPU feature");
        }
        return NvmlDevices.query();
    }

    /** Why the CUDA backend must not be used, or null if it can run on the first GPU. */
    static String whyUnsupported(Report report) {
        if (report.failure() != null) {
            return report.failure();
        }
        if (report.gpus().isEmpty()) {
            return "the NVIDIA driver reports no GPU";
        }
        if (report.driverCuda() > 0 && report.driverCuda() < NEEDED_CUDA) {
            return "the NVIDIA driver runs CUDA up to " + cudaVersion(report.driverCuda()) + ", older than the "
                + cudaVersion(NEEDED_CUDA) + " that ND4J 1.0.0-M2.1's CUDA backend needs; update the driver";
        }
        Gpu first = report.gpus().get(0);
        if (!first.supported()) {
            return "the GPU '" + first.name() + "' has compute capability " + first.computeCapability()
                + ", but ND4J 1.0.0-M2.1's CUDA backend runs only on compute capability " + MIN_CAPABILITY + " to "
                + MAX_MAJOR + ".x (Kepler to Ada)";
        }
        return null;
    }

    private static String cudaVersion(int nvml) {
        return String.format(Locale.ROOT, "%d.%d", nvml / 1000, (nvml % 1000) / 10);
    }
}
