package org.modeconn.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenBlasKernelsTest {

    private static String cpuinfo(String vendor, String flags) {
        return "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: 6\nmodel\t\t: 207\nflags\t\t: " + flags
            + "\n\nprocessor\t: 1\nvendor_id\t: " + vendor + "\nflags\t\t: " + flags + "\n";
    }

    private static final String AVX2 = "fpu sse sse2 ssse3 sse4_1 sse4_2 avx fma avx2 bmi2";
    private static final String AVX512 = AVX2 + " avx512f avx512dq avx512cd avx512bw avx512vl";

    @Test
    void anIntelCpuWithAvx512AndBf16GetsTheCooperLakeKernels() {
        assertThat(OpenBlasKernels.coreTypeFor(cpuinfo("GenuineIntel", AVX512 + " avx512_bf16 amx_tile")))
            .isEqualTo("Cooperlake");
    }

    @Test
    void anIntelCpuWithAvx512AloneGetsTheSkylakeXKernels() {
        assertThat(OpenBlasKernels.coreTypeFor(cpuinfo("GenuineIntel", AVX512))).isEqualTo("SkylakeX");
    }

    @Test
    void partialAvx512IsTreatedAsAvx2() {
        assertThat(OpenBlasKernels.coreTypeFor(cpuinfo("GenuineIntel", AVX2 + " avx512f"))).isEqualTo("Haswell");
    }

    @Test
    void amdCpusWithAvx2GetTheZenKernelsWhateverTheirFamily() {
        assertThat(OpenBlasKernels.coreTypeFor(cpuinfo("AuthenticAMD", AVX512))).isEqualTo("Zen");
        assertThat(OpenBlasKernels.coreTypeFor(cpuinfo("HygonGenuine", AVX2))).isEqualTo("Zen");
    }

    @Test
    void cpusWithoutAvx2OrOfOtherVendorsKeepOpenBlasDetection() {
        assertThat(OpenBlasKernels.coreTypeFor(cpuinfo("GenuineIntel", "fpu sse sse2 avx"))).isNull();
        assertThat(OpenBlasKernels.coreTypeFor(cpuinfo("CentaurHauls", AVX2))).isNull();
        assertThat(OpenBlasKernels.coreTypeFor("processor : 0\nBogoMIPS : 50.00\nFeatures : fp asimd\n")).isNull();
    }
}
