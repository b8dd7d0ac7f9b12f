package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
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

    /** Two 2-channel 1×2 images, as pixels: channel 0 holds 0, 100, 50, 250; channel 1 holds 10 throughout. */
    private static final Dataset TWO_CHANNELS = new Dataset("rgb", new float[] {0, 100, 10, 10, 50, 250, 10, 10}, 4,
        new int[] {0, 1}, List.of("p1", "p2", "p3", "p4"), List.of("a", "b"), new ImageShape(2, 1, 2), true);

    @Test
    void channelsStandardisesEveryChannelOverAllItsPixels() {
        FeatureScaling s = FeatureScaling.fit(TWO_CHANNELS, FeatureScaling.Mode.CHANNELS);
        assertThat(s.kind()).isEqualTo("channels");
        float[] x = TWO_CHANNELS.scaledFeatures(s);
        // channel 0: 0, 100, 50, 250 has mean 100 and sample deviation sqrt(35000/3)
        double sd = Math.sqrt(35000.0 / 3);
        assertThat(x[0]).isCloseTo((float) (-100 / sd), within(1e-5f));
        assertThat(x[1]).isCloseTo(0f, within(1e-6f));
        assertThat(x[5]).isCloseTo((float) (150 / sd), within(1e-5f));
        // the constant channel is only centred
        assertThat(x[2]).isZero();
        assertThat(x[7]).isZero();
        assertThat(s.blackPerChannel(new ImageShape(2, 1, 2))[0]).isCloseTo((float) (-100 / sd), within(1e-5f));
        assertThat(s.blackPerChannel(new ImageShape(2, 1, 2))[1]).isCloseTo(-10f, within(1e-6f));
    }

    @Test
    void presetsApplyTheReferencesMeansAndDeviationsToPixelsInTheUnitInterval() {
        Dataset rgb = new Dataset("rgb", new float[] {255, 0, 51}, 3, new int[] {0}, List.of("r", "g", "b"),
            List.of("a"), new ImageShape(3, 1, 1), true);
        float[] vgg = rgb.scaledFeatures(FeatureScaling.fit(rgb, FeatureScaling.Mode.CIFAR_VGG));
        assertThat(vgg[0]).isCloseTo((1 - 0.485f) / 0.229f, within(1e-5f));
        assertThat(vgg[1]).isCloseTo((0 - 0.456f) / 0.224f, within(1e-5f));
        assertThat(vgg[2]).isCloseTo((0.2f - 0.406f) / 0.225f, within(1e-5f));
        FeatureScaling resnet = FeatureScaling.fit(rgb, FeatureScaling.Mode.parse("cifar-resnet"));
        assertThat(resnet.kind()).isEqualTo("cifar-resnet");
        assertThat(rgb.scaledFeatures(resnet)[1]).isCloseTo(-0.4822f / 0.1994f, within(1e-5f));
        assertThat(resnet.blackPerChannel(new ImageShape(3, 1, 1))).containsExactly(
            new float[] {-0.4914f / 0.2023f, -0.4822f / 0.1994f, -0.4465f / 0.2010f}, within(1e-5f));
    }

    @Test
    void refusesPresetsOnGreyImagesAndChannelsWithoutImages() {
        Dataset grey = EmbeddedMnist.test().head(5);
        assertThatThrownBy(() -> FeatureScaling.fit(grey, FeatureScaling.Mode.CIFAR_VGG))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("made for 3-channel (RGB) images")
            .hasMessageContaining("1 channel (1x28x28)").hasMessageContaining("CHANNELS");
        assertThatThrownBy(() -> FeatureScaling.fit(TABLE, FeatureScaling.Mode.CHANNELS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("no image shape")
            .hasMessageContaining("Set the image shape");
        assertThatThrownBy(() -> FeatureScaling.Mode.parse("zca")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("cifar-vgg");
    }
}
