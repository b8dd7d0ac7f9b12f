package org.modeconn.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.modeconn.engine.InvalidInputException;

/**
 * The channels × height × width layout of a flat feature row, for convolutional networks.
 *
 * @param channels C
 * @param height H
 * @param width W
 */
public record ImageShape(int channels, int height, int width) {

    /** Validates that all three sizes are positive. */
    @JsonCreator
    public ImageShape(@JsonProperty("channels") int channels, @JsonProperty("height") int height,
            @JsonProperty("width") int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new InvalidInputException("The image shape " + channels + "×" + height + "×" + width
                + " is not valid.", "Give three positive sizes C×H×W, for example 1×28×28.");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /** Parses "C×H×W", "CxHxW" or "C,H,W". */
    public static ImageShape parse(String text) {
        String[] parts = text.trim().split("\\s*[x×X,]\\s*");
        if (parts.length != 3) {
            throw new InvalidInputException("The image shape '" + text + "' is not of the form C×H×W.",
                "Write it as channels x height x width, for example 1x28x28.");
        }
        try {
            return new ImageShape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("The image shape '" + text + "' has a size that is not a whole number.",
                "Write it as channels x height x width, for example 1x28x28.");
        }
    }

    /** C·H·W, the length of a flat feature row. */
    public int size() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
