package org.modeconn.engine.network.layers;

/**
 * The shape of one example's activations between two layers: C×H×W for images, or a flat row of
 * {@code channels} features (height and width 1, {@link #image()} false).
 *
 * @param channels C, or the number of features of a flat row
 * @param height H (1 for a flat row)
 * @param width W (1 for a flat row)
 * @param image whether the activations are an image (convolution, pooling and channel BatchNorm apply)
 */
public record TensorShape(int channels, int height, int width, boolean image) {

    /** A flat row of {@code features} values. */
    public static TensorShape flat(int features) {
        return new TensorShape(features, 1, 1, false);
    }

    /** An image of C×H×W. */
    public static TensorShape image(int channels, int height, int width) {
        return new TensorShape(channels, height, width, true);
    }

    /** The number of values per example. */
    public int size() {
        return channels * height * width;
    }

    /** H·W, the positions per channel. */
    public int positions() {
        return height * width;
    }

    @Override
    public String toString() {
        return image ? channels + "x" + height + "x" + width : String.valueOf(channels);
    }
}
