package org.modeconn.knime.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The GPU feature's Linux fragment installed beside the host and the CPU fragment, on a machine without an NVIDIA
 * driver or GPU (as CI's): both fragments attach, the CUDA backend is found, the driver is asked through NVML, and
 * the network trains on the CPU with the reason in the backend's note. Its own JVM (failsafe forks per class):
 * ND4J chooses its backend once per class loader and natives load once per JVM.
 */
class OsgiGpuFallbackIT {

    @Test
    void withTheGpuFragmentAndNoGpuItTrainsOnTheCpuAndSaysWhy(@TempDir final Path dir) throws Exception {
        try (SiteFramework framework = new SiteFramework(dir)) {
            Bundle host = framework.install("org.modeconn.knime");
            Bundle cpu = framework.install("org.modeconn.knime.bin.linux.x86_64");
            Bundle gpu = framework.install("org.modeconn.knime.cuda.linux.x86_64");
            Bundle windowsGpu = framework.install("org.modeconn.knime.cuda.win32.x86_64");
            framework.resolve();
            host.start();
            assertThat(cpu.getState()).isEqualTo(Bundle.RESOLVED);
            assertThat(gpu.getState()).isEqualTo(Bundle.RESOLVED);
            assertThat(windowsGpu.getState()).isEqualTo(Bundle.INSTALLED);
            assertThat(host.loadClass("org.nd4j.linalg.jcublas.JCublasBackend")).isNotNull();
            assertThat(host.loadClass("org.bytedeco.cuda.global.nvml")).isNotNull();

            String report = (String)host.loadClass("org.modeconn.engine.train.BackendSelfCheck").getMethod("run")
                .invoke(null);
            System.out.println("inside OSGi with the GPU fragment: " + report);
            assertThat(report).contains("CPU").contains("train error").contains("GPU not used: ")
                .contains("running on the CPU").contains("CUDA 11.6 runtime could not be loaded");
        }
    }
}
