package org.modeconn.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;

class ArchitectureParserTest {

    @Test
    void readsEveryFamily() {
        assertThat(ArchitectureParser.parse("mlp:512,512")).isEqualTo(new MlpSpec(List.of(512, 512), false));
        assertThat(ArchitectureParser.parse("MLPBN:256, 256")).isEqualTo(new MlpSpec(List.of(256, 256), true));
        assertThat(ArchitectureParser.parse("cnn")).isEqualTo(CnnSpec.BENCHMARK);
        assertThat(ArchitectureParser.parse("cnn:8,16/64/k5")).isEqualTo(new CnnSpec(List.of(8, 16), List.of(64), 5));
        assertThat(ArchitectureParser.parse("vgg16bn"))
            .isEqualTo(VggSpec.reference(16, true));
        assertThat(ArchitectureParser.parse("vgg:8,M,16,16,M/32"))
            .isEqualTo(new VggSpec(List.of(List.of(8), List.of(16, 16)), List.of(32), false, 0));
        assertThat(ArchitectureParser.parse("preresnet:164")).isEqualTo(new PreResNetSpec(164, 1));
        assertThat(ArchitectureParser.parse("preresnet:20x4")).isEqualTo(new PreResNetSpec(20, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp:512,512", "mlpbn:256,256", "mlp:", "cnn:16,32/128", "cnn:8/16/k5",
        "vgg:64,M,128,M/512", "vggbn:8,8,M/16,16", "preresnet:20", "preresnet:110x2"})
    void describeIsReadBackToTheSameSpec(String text) {
        ArchitectureSpec spec = ArchitectureParser.parse(text);
        assertThat(ArchitectureParser.parse(spec.describe())).isEqualTo(spec);
    }

    @Test
    void refusesUnknownAndMalformedFormsWithTheListOfForms() {
        assertThatThrownBy(() -> ArchitectureParser.parse("transformer")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("'transformer'").hasMessageContaining("mlp:W1,W2");
        assertThatThrownBy(() -> ArchitectureParser.parse("mlp:512,abc")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> ArchitectureParser.parse("mlp:0")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("width of 0");
        assertThatThrownBy(() -> ArchitectureParser.parse("preresnet:21")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("6n+2");
        assertThatThrownBy(() -> ArchitectureParser.parse("cnn:16/32/k4")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("odd");
    }
}
