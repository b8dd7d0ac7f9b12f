package org.modeconn.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;

class ComputeOptionsTest {

    private static ComputeOptions from(Map<String, String> properties, Map<String, String> environment) {
        return ComputeOptions.from(properties::get, environment::get);
    }

    @Test
    void nothingSetGivesTheDefaults() {
        assertThat(from(Map.of(), Map.of())).isEqualTo(ComputeOptions.DEFAULTS);
    }

    @Test
    void theBackendComesFromThePropertyThenTheEnvironment() {
        assertThat(from(Map.of("modeconn.backend", "CPU"), Map.of("MODECONN_BACKEND", "cuda")).backend()).isEqualTo("cpu");
        assertThat(from(Map.of(), Map.of("MODECONN_BACKEND", "gpu")).backend()).isEqualTo("cuda");
        assertThatThrownBy(() -> from(Map.of("modeconn.backend", "tpu"), Map.of()))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'tpu'").hasMessageContaining("knime.ini");
    }

    @Test
    void theOldSwitchesStillSayWhatTheyDid() {
        ComputeOptions o = from(Map.of("modeconn.onednn", "false", "modeconn.genericPasses", "true",
            "modeconn.directConvolution", "true", "modeconn.threads", "1"), Map.of());
        assertThat(o).isEqualTo(new ComputeOptions("auto", "libnd4j", "deeplearning4j", "direct", 1));
    }

    @Test
    void aThreadCountThatIsNoNumberIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> from(Map.of(), Map.of("MODECONN_THREADS", "two")))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("'two'").hasMessageContaining("MODECONN_THREADS");
        assertThatThrownBy(() -> ComputeOptions.DEFAULTS.withThreads(-1)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("modeconn.threads");
        assertThatThrownBy(() -> ComputeOptions.DEFAULTS.withLayerKernels("mkl"))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("auto, onednn, libnd4j");
    }
}
