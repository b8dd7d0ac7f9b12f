package org.modeconn.engine.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the machine's NVIDIA GPUs and their compute capability without loading CUDA, by asking
 * {@code nvidia-smi} (installed with every NVIDIA driver), so that an unsupported GPU is found before
 * ND4J's CUDA backend would fail on it.
 */
final class GpuProbe {

    /** ND4J 1.0.0-M2.1's CUDA 11.6 build carries kernels for compute capability 3.7 to 8.6 and no PTX. */
    static final double MIN_CAPABILITY = 3.7;
    /** Within a major version cubins run on newer minors (8.6 code runs on Ada's 8.9); 9.0 does not. */
    static final int MAX_MAJOR = 8;

    /** One GPU. */
    record Gpu(int index, String name, double computeCapability) {
        boolean supported() {
            return computeCapability >= MIN_CAPABILITY && (int) Math.floor(computeCapability) <= MAX_MAJOR;
        }
    }

    private GpuProbe() {
    }

    /** The GPUs nvidia-smi reports; empty when there is no driver or no GPU. */
    static List<Gpu> detect() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,compute_cap",
                "--format=csv,noheader").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return p.exitValue() == 0 ? parse(out) : List.of();
            }
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Parses nvidia-smi's CSV lines "index, name, major.minor". */
    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] f = line.split(",");
            if (f.length < 3) {
                continue;
            }
            try {
                gpus.add(new Gpu(Integer.parseInt(f[0].trim()), f[1].trim(), Double.parseDouble(f[2].trim())));
            } catch (NumberFormatException e) {
                // A line that is not a GPU record (a driver warning, say) is skipped.
            }
        }
        return gpus;
    }

    /** Why the CUDA backend must not be used on these GPUs, or null if the first GPU is supported. */
    static String whyUnsupported(List<Gpu> gpus) {
        if (gpus.isEmpty()) {
            return "no NVIDIA GPU was found (nvidia-smi reported none)";
        }
        Gpu first = gpus.get(0);
        if (!first.supported()) {
            return "the GPU '" + first.name() + "' has compute capability " + first.computeCapability()
                + ", but ND4J 1.0.0-M2.1's CUDA backend runs only on compute capability " + MIN_CAPABILITY + " to "
                + MAX_MAJOR + ".x (Kepler to Ada)";
        }
        return null;
    }
}
