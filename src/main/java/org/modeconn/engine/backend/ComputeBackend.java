package org.modeconn.engine.backend;

import java.util.Properties;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chooses and reports the ND4J backend. The CUDA backend is used when it is on the class path and a GPU
 * it supports is present; a GPU it cannot run on (compute capability 9.0 and up: Hopper and newer) is
 * reported and the CPU backend is used instead, never a crash. The choice is made once, before ND4J
 * first loads, through ND4J's own class-loader hook, which inside OSGi must be the plugin's loader.
 */
public final class ComputeBackend {

    /** The CUDA backend's class, present only in builds with the {@code cuda} profile. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static BackendInfo info;
    private static String first;

    private ComputeBackend() {
    }

    /**
     * Initialises ND4J, once per process, with the class loader that holds ND4J and its backends (inside OSGi the
     * plugin's) and the best supported device of those {@code preference} allows ({@link ComputeOptions#backend()});
     * later calls return the first answer, with a note where they asked for another backend.
     */
    public static synchronized BackendInfo initialise(ClassLoader loader, String preference) {
        if (info != null) {
            return preference.equals("auto") || preference.equals(first) ? info : info.withNote("ND4J's backend is chosen "
                + "once per process: " + info.backend() + " since the first run, which asked for '" + first + "'");
        }
        first = preference;
        boolean cudaPresent = ND4JClassLoading.classPresentOnClasspath(CUDA_BACKEND, loader);
        String note = null;
        ClassLoader nd4jLoader = loader;
        if (cudaPresent) {
            String refusal = preference.equals("cpu") ? "the CPU was asked for (" + ComputeOptions.BACKEND_PROPERTY + "=cpu)"
                : GpuProbe.whyUnsupported(GpuProbe.detect(loader));
            if (refusal != null) {
                note = "GPU not used: " + refusal + "; running on the CPU.";
                nd4jLoader = new CpuOnlyClassLoader(loader);
            }
        } else if (preference.equals("cuda")) {
            note = "GPU not used: " + ComputeOptions.BACKEND_PROPERTY + "=" + preference + " asks for it, but the CUDA backend "
                + "is not installed (in KNIME: the GPU feature of the update site); running on the CPU.";
        }
        String threading = NativeThreading.preferPassiveWaiting();
        String blasKernels = OpenBlasKernels.chooseForThisCpu();
        ND4JClassLoading.setNd4jClassloader(nd4jLoader);
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(nd4jLoader);
        try {
            Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
            String backend = String.valueOf(env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
            String device = Nd4j.getEnvironment().isCPU() ? cpuName(env) : gpuName(env);
            String blas = String.valueOf(env.getOrDefault("blas.vendor", "?"));
            int threads = Integer.parseInt(String.valueOf(env.getOrDefault("omp.threads", "0")));
            info = new BackendInfo(backend, device, blas, blasKernels, threads, threading, Nd4j.getEnvironment().isCPU(),
                note);
            return info;
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static String cpuName(Properties env) {
        return "CPU (" + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ")";
    }

    private static String gpuName(Properties env) {
        Object devices = env.get("cuda.devicesInformation");
        return devices != null ? "GPU " + devices : "GPU";
    }
}
