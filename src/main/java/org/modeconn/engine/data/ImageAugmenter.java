package org.modeconn.engine.data;

import java.nio.FloatBuffer;

/**
 * Applies one {@link Augmentation} to flat C×H×W image rows, copying each from the data into a batch. Every crop
 * and flip is a function of the seed, the epoch and the example's index in the data alone, so a run is
 * reproducible whatever the batch size or order, and nothing is allocated per batch. Made by
 * {@link Augmentation#forImages}.
 */
public final class ImageAugmenter {

    private final Augmentation.Kind kind;
    private final int channels;
    private final int height;
    private final int width;
    private final int padding;
    private final float[] black;
    private final long seed;

    ImageAugmenter(Augmentation.Kind kind, ImageShape shape, int padding, float[] black, long seed) {
        if (black.length != shape.channels()) {
            throw new IllegalArgumentException(black.length + " padding values for " + shape.channels() + " channels");
        }
        this.kind = kind;
        this.channels = shape.channels();
        this.height = shape.height();
        this.width = shape.width();
        this.padding = padding;
        this.black = black.clone();
        this.seed = seed;
    }

    /**
     * Where one example is cropped and whether it is mirrored.
     *
     * @param top the crop's first row in the padded image, in [0, 2·padding]
     * @param left the crop's first column in the padded image, in [0, 2·padding]
     * @param flip whether the crop is mirrored left to right
     */
    public record Draw(int top, int left, boolean flip) {
    }

    /** The crop and flip of example {@code example} of the data in epoch {@code epoch}. */
    public Draw draw(int epoch, int example) {
        long bits = mix(seed ^ mix(epoch * 0x9E3779B97F4A7C15L + example));
        int places = 2 * padding + 1;
        boolean crop = kind == Augmentation.Kind.CROP_FLIP;
        // Lemire's multiply-shift maps 31 uniform bits onto [0, places) without a division.
        int top = crop ? (int) (((bits >>> 33) * places) >>> 31) : padding;
        int left = crop ? (int) ((((bits >>> 2) & 0x7FFF_FFFFL) * places) >>> 31) : padding;
        boolean flip = kind != Augmentation.Kind.NONE && (bits & 1L) != 0;
        return new Draw(top, left, flip);
    }

    /**
     * Writes example {@code example} of {@code source}, augmented as drawn for {@code epoch}, into row
     * {@code targetRow} of {@code target}. Both buffers hold rows of C·H·W values, read and written by absolute
     * index.
     */
    public void apply(FloatBuffer source, int example, FloatBuffer target, int targetRow, int epoch) {
        apply(source, example, target, targetRow, draw(epoch, example));
    }

    /** Writes row {@code sourceRow} of {@code source} into row {@code targetRow} of {@code target} as {@code d} says. */
    public void apply(FloatBuffer source, int sourceRow, FloatBuffer target, int targetRow, Draw d) {
        int plane = height * width;
        int from = sourceRow * channels * plane;
        int to = targetRow * channels * plane;
        int dy = d.top() - padding;
        int dx = d.left() - padding;
        for (int c = 0; c < channels; c++) {
            float pad = black[c];
            int srcPlane = from + c * plane;
            int dstPlane = to + c * plane;
            for (int i = 0; i < height; i++) {
                int sy = i + dy;
                int dst = dstPlane + i * width;
                if (sy < 0 || sy >= height) {
                    for (int j = 0; j < width; j++) {
                        target.put(dst + j, pad);
                    }
                    continue;
                }
                int srcRow = srcPlane + sy * width;
                for (int j = 0; j < width; j++) {
                    int sx = (d.flip() ? width - 1 - j : j) + dx;
                    target.put(dst + j, sx < 0 || sx >= width ? pad : source.get(srcRow + sx));
                }
            }
        }
    }

    private static long mix(long z) {
        // SplitMix64's finaliser: every input bit reaches every output bit.
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
