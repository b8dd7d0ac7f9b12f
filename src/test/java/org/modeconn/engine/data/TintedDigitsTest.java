package org.modeconn.engine.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TintedDigitsTest {

    @Test
    void makesEveryDigitAShiftedTintedColourImageWithItsLabel() {
        Dataset digits = EmbeddedMnist.test();
        Dataset rgb = TintedDigits.test();
        assertThat(rgb.imageShape()).contains(new ImageShape(3, 32, 32));
        assertThat(rgb.numExamples()).isEqualTo(digits.numExamples());
        assertThat(rgb.labels()).isEqualTo(digits.labels());
        assertThat(rgb.classNames()).isEqualTo(digits.classNames());
        assertThat(rgb.isPixelData()).isTrue();
        float[] x = rgb.rawFeatures();
        Set<Integer> backgrounds = new HashSet<>();
        Set<Integer> inkColumns = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int base = i * 3072;
            for (int c = 0; c < 3; c++) {
                float corner = x[base + c * 1024];
                assertThat(corner).isBetween(0f, 89f);
                float max = 0;
                for (int k = 0; k < 1024; k++) {
                    float v = x[base + c * 1024 + k];
                    assertThat(v).isBetween(0f, 255f).isEqualTo((float) Math.round(v));
                    max = Math.max(max, v);
                }
                assertThat(max).as("the ink is brighter than the background").isGreaterThan(corner + 40);
            }
            backgrounds.add((int) x[base]);
            inkColumns.add(leftmostInk(x, base));
        }
        assertThat(backgrounds).as("backgrounds vary").hasSizeGreaterThan(20);
        assertThat(inkColumns).as("digits are placed at different offsets").hasSizeGreaterThan(4);
        assertThat(TintedDigits.test().rawFeatures()).as("the same every time").isEqualTo(x);
    }

    /** The first column of channel 0 holding a pixel brighter than the corner. */
    private static int leftmostInk(float[] x, int base) {
        float background = x[base];
        for (int col = 0; col < 32; col++) {
            for (int row = 0; row < 32; row++) {
                if (x[base + row * 32 + col] > background + 40) {
                    return col;
                }
            }
        }
        return -1;
    }
}
