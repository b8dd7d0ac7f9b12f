package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.record.Json;

class FeatureScalingTest {

    private static final Dataset TABLE = new Dataset("t", new float[] {1, 5, 3, 5, 5, 5}, 2, new int[] {0, 1, 0},
        List.of("x", "constant"), List.of("a", "b"), null, false);

    @Test
    void autoStandardisesTablesAndLeavesConstantColumnsFinite() {
        FeatureScaling s = FeatureScaling.fit(TABLE, FeatureScaling.Mode.AUTO);
        assertThat(s.kind()).isEqualTo("standardize");
        float[] scaled = TABLE.scaledFeatures(s);
        // x = 1, 3, 5: mean 3, sample sd 2
        assertThat(scaled[0]).isCloseTo(-1f, within(1e-6f));
        assertThat(scaled[2]).isCloseTo(0f, within(1e-6f));
        assertThat(scaled[4]).isCloseTo(1f, within(1e-6f));
        assertThat(scaled[1]).isZero();
        assertThat(scaled[3]).isZero();
    }

    @Test
    void autoScalesPixelsToTheUnitInterval() {
        Dataset mnist = EmbeddedMnist.test().head(10);
        FeatureScaling s = FeatureScaling.fit(mnist, FeatureScaling.Mode.AUTO);
        assertThat(s.kind()).isEqualTo("pixels");
        float[] x = mnist.scaledFeatures(s);
        for (float v : x) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(FeatureScaling.fit(mnist, FeatureScaling.Mode.NONE).kind()).isEqualTo("none");
    }

    @Test
    void survivesAJsonRoundTripExactly() throws Exception {
        FeatureScaling s = FeatureScaling.fit(TABLE, FeatureScaling.Mode.STANDARDIZE);
        String json = Json.MAPPER.writeValueAsString(s);
        assertThat(Json.MAPPER.readValue(json, FeatureScaling.class)).isEqualTo(s);
    }
}
