package org.modeconn.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shipped colour-image check set: the embedded MNIST-10k digits made into 3×32×32 RGB images the way CIFAR
 * images look to a network, so that crops, flips and channel normalisation can be tried without a download.
 * The procedure, fixed by the image's index and split alone: the 28×28 digit is mirrored left to right with
 * probability 1/2 (so that, as in photographs, either orientation shows the same class), and placed at an offset
 * of 0 to 4 pixels down and right inside a 32×32 canvas; the background is one colour with channels drawn from
 * 0..89 and the ink another with channels from 140..255; a pixel is the background mixed with the ink by the
 * digit's grey value. Labels and splits are MNIST-10k's.
 */
public final class TintedDigits {

    /** The images' shape. */
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);

    private static final int DIGIT = 28;
    private static final int MAX_OFFSET = SHAPE.height() - DIGIT;

    private TintedDigits() {
    }

    /** The 8,004 training images. */
    public static Dataset train() {
        return tint(EmbeddedMnist.train(), 0x7A1L, "embedded tinted MNIST-10k train");
    }

    /** The 1,996 test images. */
    public static Dataset test() {
        return tint(EmbeddedMnist.test(), 0x7E57L, "embedded tinted MNIST-10k test");
    }

    /** {@code digits} (1×28×28 pixels 0..255) as 3×32×32 tinted images, each decided by {@code seed} and its index. */
    static Dataset tint(Dataset digits, long seed, String name) {
        int n = digits.numExamples();
        int plane = SHAPE.height() * SHAPE.width();
        float[] grey = digits.rawFeatures();
        float[] rgb = new float[n * SHAPE.size()];
        for (int i = 0; i < n; i++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            int top = r.nextInt(MAX_OFFSET + 1);
            int left = r.nextInt(MAX_OFFSET + 1);
            boolean mirrored = r.nextBoolean();
            int base = i * SHAPE.size();
            for (int c = 0; c < 3; c++) {
                float background = r.nextInt(90);
                float ink = 140 + r.nextInt(116);
                int channel = base + c * plane;
                for (int k = 0; k < plane; k++) {
                    rgb[channel + k] = background;
                }
                for (int y = 0; y < DIGIT; y++) {
                    for (int x = 0; x < DIGIT; x++) {
                        float v = grey[i * DIGIT * DIGIT + y * DIGIT + (mirrored ? DIGIT - 1 - x : x)] / 255f;
                        rgb[channel + (y + top) * SHAPE.width() + x + left] =
                            Math.round(background + (ink - background) * v);
                    }
                }
            }
        }
        List<String> names = new ArrayList<>(SHAPE.size());
        String[] channels = {"r", "g", "b"};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SHAPE.height(); y++) {
                for (int x = 0; x < SHAPE.width(); x++) {
                    names.add(channels[c] + "_" + y + "_" + x);
                }
            }
        }
        return new Dataset(name, rgb, SHAPE.size(), digits.labels().clone(), names, digits.classNames(), SHAPE, true);
    }
}
