package org.modeconn.knime.table;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.image.png.PNGImageValue;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.data.PngPixels;

/**
 * The feature rows of a column of PNG image cells: each image's pixels, channel-major, 0..255. All images must
 * have one size; a grey image among colour ones is read as colour, a colour image among grey ones is refused,
 * since dropping its colour would lose what the network could see.
 */
final class ImageColumnFeatures {

    private final String column;
    private final String role;
    private final int rows;
    private ImageShape shape;
    private String firstRow;
    private float[] values;

    /**
     * @param column the image column's name
     * @param expected the shape the model was trained on, or null to take the first image's
     * @param rows the table's rows
     * @param role the table's role, for messages
     */
    ImageColumnFeatures(final String column, final ImageShape expected, final int rows, final String role) {
        this.column = column;
        this.role = role;
        this.rows = rows;
        if (expected != null) {
            start(expected, "the network's training images");
        }
    }

    /** Checks that {@code column} is in {@code spec} and holds PNG images. */
    static void requireImageColumn(final DataTableSpec spec, final String column, final String role) {
        DataColumnSpec c = spec.getColumnSpec(column);
        if (c == null) {
            throw new InvalidInputException("The image column '" + column + "' is not in the " + role + ".",
                "Choose an existing column of PNG images in the node's dialog, or connect a table that has it.");
        }
        if (!c.getType().isCompatible(PNGImageValue.class)) {
            throw new InvalidInputException("The image column '" + column + "' of the " + role + " is of type "
                + c.getType() + ", not PNG images.", "Choose a column of PNG image cells (for example from the Image "
                    + "Reader or Table to Image nodes), or leave the image column empty to read numeric pixel columns.");
        }
    }

    private void start(final ImageShape s, final String from) {
        if ((long)rows * s.size() > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("The " + role + " has " + rows + " images of " + s + " values, more than "
                + "one array of the engine holds (2³¹ values).", "Sample the table down, or use smaller images.");
        }
        shape = s;
        firstRow = from;
        values = new float[rows * s.size()];
    }

    /** Reads the image of row {@code r}. */
    void add(final DataCell cell, final RowKey key, final int r) {
        if (cell.isMissing()) {
            throw new InvalidInputException("Row '" + key + "' of the " + role + " has no image in column '" + column
                + "'.", "Remove rows without an image first (for example with the Missing Value or Row Filter node).");
        }
        byte[] png = ((PNGImageValue)cell).getImageContent().getByteArrayReference();
        PngPixels.Image image = PngPixels.decode(png, "row '" + key + "' of the " + role);
        if (shape == null) {
            start(image.shape(), "row '" + key + "'");
        }
        ImageShape s = image.shape();
        if (s.height() != shape.height() || s.width() != shape.width()) {
            throw new InvalidInputException("The images in column '" + column + "' have mixed sizes: row '" + key
                + "' holds a " + s.width() + "×" + s.height() + " image, " + firstRow + " " + shape.width() + "×"
                + shape.height() + " (width × height).",
                "Resize all images to one size first (for example with the Image Resizer node), or filter out the "
                    + "others.");
        }
        if (s.channels() != shape.channels()) {
            if (shape.channels() == 3 && s.channels() == 1) {
                image = image.asRgb();
            } else {
                throw new InvalidInputException("Row '" + key + "' of the " + role + " holds a " + s.channels()
                    + "-channel image, but " + firstRow + " " + shape.channels() + "-channel ones.",
                    "Convert all images to colour (RGB) or all to grey first.");
            }
        }
        System.arraycopy(image.pixels(), 0, values, r * shape.size(), shape.size());
    }

    /** The image shape all rows have. */
    ImageShape shape() {
        return shape;
    }

    /** The pixels of every row, row-major [rows, C·H·W]. */
    float[] values() {
        return values;
    }

    /** A name per pixel: column[channel,y,x]. */
    List<String> featureNames() {
        List<String> names = new ArrayList<>(shape.size());
        for (int c = 0; c < shape.channels(); c++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    names.add(column + "[" + c + "," + y + "," + x + "]");
                }
            }
        }
        return names;
    }
}
