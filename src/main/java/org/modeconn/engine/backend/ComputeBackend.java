package org.modeconn.engine.backend;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.modeconn.engine.InvalidInputException;
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

    /**
     * Setting (system property, for KNIME a {@code -D} line in knime.ini; or the environment variable
     * MODECONN_BACKEND) that chooses the backend: {@code auto} (the GPU when one it supports is present),
     * {@code cuda} (the GPU, saying why when it cannot be used) or {@code cpu}.
     */
    public static final String PREFERENCE_PROPERTY = "modeconn.backend";

    private static BackendInfo info;

    private ComputeBackend() {
    }

    /**
     * Initialises ND4J with the plugin's class loader (the one that loaded this class) and the best
     * supported device, once; later calls return the first answer.
     */
    public static synchronized BackendInfo initialise() {
        return initialise(ComputeBackend.class.getClassLoader());
    }

    /** As {@link #initialise()}, with the class loader that holds ND4J and its backends. */
    public static synchronized BackendInfo initialise(ClassLoader loader) {
        if (info != null) {
            return info;
        }
        String preference = preference(System.getProperty(PREFERENCE_PROPERTY), System.getenv("MODECONN_BACKEND"));
        boolean cudaPresent = ND4JClassLoading.classPresentOnClasspath(CUDA_BACKEND, loader);
        String note = null;
        ClassLoader nd4jLoader = loader;
        if (cudaPresent) {
            String refusal = preference.equals("cpu") ? "the CPU was asked for (" + PREFERENCE_PROPERTY + "=cpu)"
                : GpuProbe.whyUnsupported(GpuProbe.detect(loader));
            if (refusal != null) {
                note = "GPU not used: " + refusal + "; running on the CPU.";
                nd4jLoader = new CpuOnlyClassLoader(loader);
            }
        } else if (preference.equals("cuda")) {
            note = "GPU not used: " + PREFERENCE_PROPERTY + "=" + preference + " asks for it, but the CUDA backend "
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

    /**
     * The backend asked for: the system property, else the environment variable, else {@code auto}; {@code gpu}
     * is read as {@code cuda}.
     *
     * @throws InvalidInputException for anything but auto, cuda, gpu or cpu
     */
    static String preference(String property, String environment) {
        String p = Optional.ofNullable(property).or(() -> Optional.ofNullable(environment)).orElse("auto").trim()
            .toLowerCase(Locale.ROOT);
        if (!List.of("auto", "cuda", "gpu", "cpu").contains(p)) {
            throw new InvalidInputException("The backend '" + p + "' (" + PREFERENCE_PROPERTY + " or MODECONN_BACKEND) "
                + "is not known.", "Set -D" + PREFERENCE_PROPERTY + "=auto, cuda or cpu (in KNIME: a line in knime.ini "
                    + "after -vmargs).");
        }
        return p.equals("gpu") ? "cuda" : p;
    }

    private static String cpuName(Properties env) {
        return "CPU (" + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ")";
    }

    private static String gpuName(Properties env) {
        Object devices = env.get("cuda.devicesInformation");
        return devices != null ? "GPU " + devices : "GPU";
    }
}
