package org.modeconn.engine.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.modeconn.engine.InvalidInputException;

/**
 * The pixels of one PNG image as a flat channel-major row of 0..255 values: grey images as one channel, colour
 * and palette images as three (R, G, B; transparency is dropped). How image cells and files become feature rows.
 */
public final class PngPixels {

    private PngPixels() {
    }

    /**
     * Decodes {@code png}.
     *
     * @param what the image's place, for messages ("row 'Row7'")
     * @throws InvalidInputException when the bytes are no readable image
     */
    public static Image decode(byte[] png, String what) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException | RuntimeException e) {
            image = null;
        }
        if (image == null) {
            throw new InvalidInputException("The image of " + what + " cannot be read as PNG.",
                "Replace or remove the damaged image (it must be a valid PNG file).");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        boolean grey = image.getColorModel().getNumColorComponents() == 1;
        ImageShape shape = new ImageShape(grey ? 1 : 3, h, w);
        float[] pixels = new float[shape.size()];
        if (grey) {
            int bits = image.getColorModel().getComponentSize(0);
            float toByte = 255f / ((1 << bits) - 1);
            var raster = image.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    pixels[y * w + x] = Math.round(raster.getSample(x, y, 0) * toByte);
                }
            }
        } else {
            int plane = h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    pixels[y * w + x] = (rgb >>> 16) & 0xFF;
                    pixels[plane + y * w + x] = (rgb >>> 8) & 0xFF;
                    pixels[2 * plane + y * w + x] = rgb & 0xFF;
                }
            }
        }
        return new Image(shape, pixels);
    }

    /**
     * A decoded image.
     *
     * @param shape 1×H×W for grey images, 3×H×W for colour
     * @param pixels channel-major 0..255 values, shape.size() of them
     */
    public record Image(ImageShape shape, float[] pixels) {

        /** The same image with three channels: a grey image's channel repeated, a colour image as it is. */
        public Image asRgb() {
            if (shape.channels() == 3) {
                return this;
            }
            int plane = shape.height() * shape.width();
            float[] rgb = new float[3 * plane];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(pixels, 0, rgb, c * plane, plane);
            }
            return new Image(new ImageShape(3, shape.height(), shape.width()), rgb);
        }
    }
}
