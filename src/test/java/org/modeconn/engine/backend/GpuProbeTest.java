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

    private static GpuProbe.Report one(final String name, final double capability) {
        return new GpuProbe.Report(List.of(new GpuProbe.Gpu(0, name, capability)), 12020, null);
    }

    @Test
    void keplerToAdaAreSupportedHopperAndNewerAreNot() {
        assertThat(GpuProbe.whyUnsupported(one("Tesla K80", 3.7))).isNull();
        assertThat(GpuProbe.whyUnsupported(one("A100", 8.0))).isNull();
        assertThat(GpuProbe.whyUnsupported(one("RTX 4090", 8.9))).isNull();
        assertThat(GpuProbe.whyUnsupported(one("H100", 9.0))).contains("H100")
            .contains("compute capability 9.0").contains("3.7 to 8.x");
        assertThat(GpuProbe.whyUnsupported(one("B200", 10.0))).contains("10.0");
        assertThat(GpuProbe.whyUnsupported(one("Tesla K10", 3.0))).contains("3.0");
        assertThat(GpuProbe.whyUnsupported(new GpuProbe.Report(List.of(), 12020, null))).contains("no GPU");
    }

    @Test
    void aDriverOlderThanCuda116OrNoneAtAllIsNamed() {
        GpuProbe.Report old = new GpuProbe.Report(List.of(new GpuProbe.Gpu(0, "RTX 3090", 8.6)), 11040, null);
        assertThat(GpuProbe.whyUnsupported(old)).contains("CUDA up to 11.4").contains("11.6")
            .contains("update the driver");
        assertThat(GpuProbe.whyUnsupported(GpuProbe.Report.failed("no driver"))).isEqualTo("no driver");
    }

    @Test
    void withoutTheCudaPresetsTheProbeSaysWhatIsMissing() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(GpuProbe.whyUnsupported(GpuProbe.detect(empty))).contains("CUDA presets")
                .contains("GPU feature");
        }
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
