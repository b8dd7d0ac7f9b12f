package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.record.Json;

class AugmentationTest {

    private static final ImageShape TWO_BY_THREE = new ImageShape(2, 3, 3);

    /** Channel 0: 1..9 row by row; channel 1: 11..19. */
    private static FloatBuffer image() {
        float[] v = new float[18];
        for (int i = 0; i < 9; i++) {
            v[i] = i + 1;
            v[9 + i] = i + 11;
        }
        return FloatBuffer.wrap(v);
    }

    private static float[] applied(ImageAugmenter a, ImageAugmenter.Draw d) {
        FloatBuffer out = FloatBuffer.allocate(18);
        a.apply(image(), 0, out, 0, d);
        return out.array();
    }

    @Test
    void readsTheOneWordForms() {
        assertThat(Augmentation.parse("none")).isEqualTo(Augmentation.NONE);
        assertThat(Augmentation.parse("Crop-Flip").kind()).isEqualTo(Augmentation.Kind.CROP_FLIP);
        assertThat(Augmentation.parse("crop-flip").padding()).isNull();
        assertThat(Augmentation.parse(" crop-flip : 2 ").padding()).isEqualTo(2);
        assertThat(Augmentation.parse("flip").toString()).isEqualTo("flip");
        assertThat(Augmentation.parse("crop-flip:3").toString()).isEqualTo("crop-flip:3");
    }

    @Test
    void refusesUnknownFormsAndPaddingWithoutACrop() {
        assertThatThrownBy(() -> Augmentation.parse("rotate")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("'rotate' is not known").hasMessageContaining("crop-flip");
        assertThatThrownBy(() -> Augmentation.parse("flip:4")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("only a crop pads");
        assertThatThrownBy(() -> Augmentation.parse("crop-flip:x")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("not a whole number");
    }

    @Test
    void isWrittenToJsonAsItsWord() throws Exception {
        String json = Json.MAPPER.writeValueAsString(Augmentation.parse("crop-flip:4"));
        assertThat(json).isEqualTo("\"crop-flip:4\"");
        assertThat(Json.MAPPER.readValue(json, Augmentation.class)).isEqualTo(Augmentation.parse("crop-flip:4"));
    }

    @Test
    void paddingFollowsTheImageUnlessGiven() {
        Augmentation a = Augmentation.parse("crop-flip");
        assertThat(a.paddingFor(new ImageShape(3, 32, 32))).isEqualTo(4);
        assertThat(a.paddingFor(new ImageShape(1, 28, 28))).isEqualTo(4);
        assertThat(a.paddingFor(new ImageShape(1, 16, 20))).isEqualTo(2);
        assertThat(Augmentation.parse("crop-flip:1").paddingFor(new ImageShape(3, 32, 32))).isEqualTo(1);
        assertThat(Augmentation.parse("flip").paddingFor(new ImageShape(3, 32, 32))).isZero();
    }

    @Test
    void refusesACropLargerThanThePaddedImageAndPaddingThatCouldFillACrop() {
        float[] black = new float[3];
        assertThatThrownBy(() -> Augmentation.parse("crop-flip:-2").forImages(new ImageShape(3, 32, 32), black, 1))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("crop of 32×32 is larger than the image padded by -2 (28×28)")
            .hasMessageContaining("padding of 0 or more");
        assertThatThrownBy(() -> Augmentation.parse("crop-flip:8").forImages(new ImageShape(3, 8, 8), black, 1))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("padding only")
            .hasMessageContaining("below 8");
        assertThatThrownBy(() -> Augmentation.parse("flip").forImages(null, black, 1))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("no image shape")
            .hasMessageContaining("augmentation none");
    }

    @Test
    void cropsAndFlipsAsComputedByHand() {
        ImageAugmenter a = Augmentation.parse("crop-flip:1").forImages(TWO_BY_THREE, new float[] {-1, -2}, 7);
        // The centre crop without a flip is the image itself.
        assertThat(applied(a, new ImageAugmenter.Draw(1, 1, false)))
            .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        // Top-left corner of the image padded by 1: a row and a column of each channel's black come in.
        assertThat(applied(a, new ImageAugmenter.Draw(0, 0, false)))
            .containsExactly(-1, -1, -1, -1, 1, 2, -1, 4, 5, -2, -2, -2, -2, 11, 12, -2, 14, 15);
        // Bottom-right corner, then mirrored: the padding column ends up on the left.
        assertThat(applied(a, new ImageAugmenter.Draw(2, 2, true)))
            .containsExactly(-1, 6, 5, -1, 9, 8, -1, -1, -1, -2, 16, 15, -2, 19, 18, -2, -2, -2);
        // Mirrored centre crop: each row reversed.
        assertThat(applied(a, new ImageAugmenter.Draw(1, 1, true)))
            .containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7, 13, 12, 11, 16, 15, 14, 19, 18, 17);
    }

    @Test
    void drawsEveryPlaceAndFlipsAboutHalfReproduciblyPerSeed() {
        ImageAugmenter a = Augmentation.parse("crop-flip:2").forImages(new ImageShape(1, 8, 8), new float[1], 11);
        ImageAugmenter same = Augmentation.parse("crop-flip:2").forImages(new ImageShape(1, 8, 8), new float[1], 11);
        ImageAugmenter other = Augmentation.parse("crop-flip:2").forImages(new ImageShape(1, 8, 8), new float[1], 12);
        Set<Integer> places = new HashSet<>();
        int flips = 0;
        int differ = 0;
        for (int example = 0; example < 4000; example++) {
            ImageAugmenter.Draw d = a.draw(3, example);
            assertThat(d.top()).isBetween(0, 4);
            assertThat(d.left()).isBetween(0, 4);
            places.add(d.top() * 5 + d.left());
            flips += d.flip() ? 1 : 0;
            assertThat(same.draw(3, example)).isEqualTo(d);
            differ += other.draw(3, example).equals(d) ? 0 : 1;
        }
        assertThat(places).hasSize(25);
        assertThat(flips).isBetween(1800, 2200);
        assertThat(differ).isGreaterThan(3000);
        assertThat(a.draw(4, 0).equals(a.draw(3, 0)) && a.draw(4, 1).equals(a.draw(3, 1))
            && a.draw(4, 2).equals(a.draw(3, 2))).as("another epoch, other draws").isFalse();
    }

    @Test
    void flipOnlyNeverShifts() {
        ImageAugmenter a = Augmentation.parse("flip").forImages(TWO_BY_THREE, new float[2], 5);
        int flips = 0;
        for (int example = 0; example < 200; example++) {
            ImageAugmenter.Draw d = a.draw(0, example);
            assertThat(d.top()).isZero();
            assertThat(d.left()).isZero();
            flips += d.flip() ? 1 : 0;
        }
        assertThat(flips).isBetween(70, 130);
        assertThat(applied(a, new ImageAugmenter.Draw(0, 0, true)))
            .containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7, 13, 12, 11, 16, 15, 14, 19, 18, 17);
    }
}
