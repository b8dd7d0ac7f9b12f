package org.modeconn.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
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

    private static Dataset table(final List<String> names, final float[] rows) {
        return new Dataset("t", rows, names.size(), new int[] {0, 1}, names,
            List.of("a", "b"), null, false);
    }

    @Test
    void storesItsFeatureNamesAndMatchesLaterDataByThem() throws Exception {
        NetworkSpec spec = new NetworkSpec(new MlpSpec(List.of(4), false), 2, null, List.of("a", "b"),
            List.of("height", "weight"));
        NetworkSpec read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(spec), NetworkSpec.class);
        assertThat(read.featureNames()).containsExactly("height", "weight");
        assertThat(Json.MAPPER.readValue("{\"architecture\":" + Json.MAPPER.writeValueAsString(spec.architecture())
            + ",\"inputFeatures\":2,\"classNames\":[\"a\",\"b\"]}", NetworkSpec.class).featureNames())
            .as("a version-1 file's spec").isNull();

        // Other column order and an extra column: matched by name.
        Dataset shuffled = table(List.of("id", "weight", "height"), new float[] {7, 80, 180, 8, 60, 160});
        Dataset aligned = NetworkInputs.align(spec, shuffled, "prediction data");
        assertThat(aligned.featureNames()).containsExactly("height", "weight");
        assertThat(aligned.rawFeatures()).containsExactly(180, 80, 160, 60);

        assertThatThrownBy(() -> NetworkInputs.align(spec, table(List.of("height", "age"), new float[] {1, 2, 3, 4}),
            "prediction data")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("lacks 1 of the 2 feature columns the network was trained on: weight")
            .hasMessageContaining("matched by name");
        assertThat(spec.differenceFrom(new NetworkSpec(spec.architecture(), 2, null, List.of("a", "b"),
            List.of("height", "age")))).contains("input 2 is 'weight' vs 'age'");
    }
}
