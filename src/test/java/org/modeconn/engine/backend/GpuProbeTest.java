package org.modeconn.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuProbeTest {

    @TempDir
    Path dir;

    @Test
    void parsesNvidiaSmiAndSkipsNoise() {
        List<GpuProbe.Gpu> gpus = GpuProbe.parse("0, NVIDIA H100 80GB HBM3, 9.0\nWARNING: something\n"
            + "1, NVIDIA GeForce RTX 4090, 8.9\n");
        assertThat(gpus).containsExactly(new GpuProbe.Gpu(0, "NVIDIA H100 80GB HBM3", 9.0),
            new GpuProbe.Gpu(1, "NVIDIA GeForce RTX 4090", 8.9));
    }

    @Test
    void keplerToAdaAreSupportedHopperAndNewerAreNot() {
        assertThat(GpuProbe.whyUnsupported(GpuProbe.parse("0, Tesla K80, 3.7"))).isNull();
        assertThat(GpuProbe.whyUnsupported(GpuProbe.parse("0, A100, 8.0"))).isNull();
        assertThat(GpuProbe.whyUnsupported(GpuProbe.parse("0, RTX 4090, 8.9"))).isNull();
        assertThat(GpuProbe.whyUnsupported(GpuProbe.parse("0, H100, 9.0"))).contains("H100")
            .contains("compute capability 9.0").contains("3.7 to 8.x");
        assertThat(GpuProbe.whyUnsupported(GpuProbe.parse("0, B200, 10.0"))).contains("10.0");
        assertThat(GpuProbe.whyUnsupported(GpuProbe.parse("0, Tesla K10, 3.0"))).contains("3.0");
        assertThat(GpuProbe.whyUnsupported(List.of())).contains("no NVIDIA GPU");
    }

    @Test
    void theCpuOnlyLoaderHidesTheCudaBackendRegistrationOnly() throws IOException {
        Path cuda = dir.resolve("cuda/META-INF/services");
        Path cpu = dir.resolve("cpu/META-INF/services");
        Files.createDirectories(cuda);
        Files.createDirectories(cpu);
        String service = "org.nd4j.linalg.factory.Nd4jBackend";
        Files.writeString(cuda.resolve(service), "org.nd4j.linalg.jcublas.JCublasBackend\n");
        Files.writeString(cpu.resolve(service), "org.nd4j.linalg.cpu.nativecpu.CpuBackend\n");
        try (URLClassLoader both = new URLClassLoader(new URL[] {dir.resolve("cuda/").toUri().toURL(),
            dir.resolve("cpu/").toUri().toURL()}, null)) {
            assertThat(Collections.list(both.getResources("META-INF/services/" + service))).hasSize(2);
            CpuOnlyClassLoader filtered = new CpuOnlyClassLoader(both);
            List<URL> kept = Collections.list(filtered.getResources("META-INF/services/" + service));
            assertThat(kept).hasSize(1);
            assertThat(kept.get(0).toString()).contains("/cpu/");
        }
    }
}
