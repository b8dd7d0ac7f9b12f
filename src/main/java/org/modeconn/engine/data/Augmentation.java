package org.modeconn.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.modeconn.engine.InvalidInputException;

/**
 * How training images are varied batch by batch: not at all, mirrored left to right, or cropped at random from
 * the image padded with black and then mirrored (the reference's CIFAR training). Written as one word
 * ({@code none}, {@code flip}, {@code crop-flip}, or {@code crop-flip:P} for a padding of P pixels), which is
 * also its JSON form. Only training batches are augmented, never evaluation or BatchNorm recomputation.
 *
 * @param kind what is done to an image
 * @param padding the black border added before a crop, in pixels; null: an eighth of the shorter side
 *        (4 for 32×32 images), and always null when nothing is cropped
 */
public record Augmentation(Kind kind, Integer padding) {

    /** No augmentation, the default for tables of plain features. */
    public static final Augmentation NONE = new Augmentation(Kind.NONE, null);

    /** The forms {@link #parse} reads, for help texts. */
    public static final String FORMS = "none, flip, crop-flip or crop-flip:P (P: padding in pixels, "
        + "default an eighth of the image's shorter side)";

    /** What is done to an image. */
    public enum Kind {
        /** Images are used as they are. */
        NONE("none"),
        /** Each image is mirrored left to right with probability 1/2. */
        FLIP("flip"),
        /** Each image is padded, cropped back to its size at a random place, then flipped as by FLIP. */
        CROP_FLIP("crop-flip");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word this kind is written as. */
        public String word() {
            return word;
        }
    }

    /** Validates that only a crop has a padding. */
    public Augmentation {
        if (kind == null) {
            throw new NullPointerException("kind");
        }
        if (padding != null && kind != Kind.CROP_FLIP) {
            throw new InvalidInputException("The augmentation '" + kind.word + "' has a padding, but only a crop "
                + "pads the image.", "Write crop-flip:" + padding + ", or " + kind.word + " without a padding.");
        }
    }

    /** Reads {@link #FORMS}, in any letter case. */
    @JsonCreator
    public static Augmentation parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String word = t;
        Integer padding = null;
        int colon = t.indexOf(':');
        if (colon >= 0) {
            word = t.substring(0, colon).trim();
            try {
                padding = Integer.parseInt(t.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("The padding in the augmentation '" + text + "' is not a whole number.",
                    "Write the padding in pixels, for example crop-flip:4.");
            }
        }
        for (Kind k : Kind.values()) {
            if (k.word.equals(word) || k.name().toLowerCase(Locale.ROOT).equals(word)) {
                return new Augmentation(k, padding);
            }
        }
        throw new InvalidInputException("The augmentation '" + text + "' is not known.", "Give one of " + FORMS + ".");
    }

    /** Whether images are changed at all. */
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /** The padding used on images of {@code shape}: the given one, or an eighth of the shorter side. */
    public int paddingFor(ImageShape shape) {
        if (kind != Kind.CROP_FLIP) {
            return 0;
        }
        return padding != null ? padding : eighthOfShorterSide(shape);
    }

    private static int eighthOfShorterSide(ImageShape shape) {
        return Math.max(1, Math.round(Math.min(shape.height(), shape.width()) / 8f));
    }

    /**
     * The augmenter for training images of {@code shape}, checked against the shape.
     *
     * @param shape the images' C×H×W, or null when the data are not images
     * @param black each channel's value of a black pixel after scaling, the colour of the padding
     * @param seed decides every crop and flip, together with the epoch and the example
     */
    public ImageAugmenter forImages(ImageShape shape, float[] black, long seed) {
        if (shape == null) {
            throw new InvalidInputException("The augmentation '" + this + "' needs images, but the training data "
                + "have no image shape.", "Set the image shape (C×H×W, for example 3x32x32), or choose the "
                + "augmentation none.");
        }
        int p = paddingFor(shape);
        if (p < 0) {
            throw new InvalidInputException("The crop of " + shape.height() + "×" + shape.width() + " is larger than "
                + "the image padded by " + p + " (" + (shape.height() + 2 * p) + "×" + (shape.width() + 2 * p) + ").",
                "Give a padding of 0 or more, for example crop-flip:4.");
        }
        if (p >= Math.min(shape.height(), shape.width())) {
            throw new InvalidInputException("A padding of " + p + " is not smaller than the " + shape.height() + "×"
                + shape.width() + " image, so a crop could hold padding only.",
                "Give a padding below " + Math.min(shape.height(), shape.width()) + ", for example crop-flip:"
                    + eighthOfShorterSide(shape) + ".");
        }
        return new ImageAugmenter(kind, shape, p, black, seed);
    }

    /** The one-word form, as {@link #parse} reads it. */
    @JsonValue
    @Override
    public String toString() {
        return padding == null ? kind.word : kind.word + ":" + padding;
    }
}
