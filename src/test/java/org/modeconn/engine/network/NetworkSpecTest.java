package org.modeconn.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.record.Json;

class NetworkSpecTest {

    static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @ParameterizedTest
    @ValueSource(strings = {"mlp:512,512", "mlpbn:256,256", "cnn", "vgg:8,M,16,M/32/d0.5", "preresnet:164x2", "wrn:16x2,0.3"})
    void survivesAJsonRoundTrip(String arch) throws Exception {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), 784, new ImageShape(1, 28, 28), DIGITS);
        String json = Json.MAPPER.writeValueAsString(spec);
        assertThat(json).contains("\"family\"");
        assertThat(Json.MAPPER.readValue(json, NetworkSpec.class)).isEqualTo(spec);
    }

    @Test
    void refusesOneClassAndConvolutionsWithoutAnImageShape() {
        assertThatThrownBy(() -> new NetworkSpec(new MlpSpec(List.of(4), false), 3, null, List.of("only")))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("only 1 class")
            .hasMessageContaining("at least two");
        assertThatThrownBy(() -> new NetworkSpec(CnnSpec.BENCHMARK, 784, null, DIGITS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("image shape")
            .hasMessageContaining("1x28x28");
    }

    @Test
    void namesHowTwoSpecsDiffer() {
        NetworkSpec a = new NetworkSpec(new MlpSpec(List.of(512, 512), false), 784, null, DIGITS);
        NetworkSpec b = new NetworkSpec(new MlpSpec(List.of(256, 256), false), 784, null, DIGITS);
        NetworkSpec c = new NetworkSpec(new MlpSpec(List.of(512, 512), false), 784, null, List.of("a", "b"));
        assertThat(a.differenceFrom(a)).isNull();
        assertThat(a.differenceFrom(b)).contains("mlp:512,512").contains("mlp:256,256");
        assertThat(a.differenceFrom(c)).contains("classes differ");
    }
}
