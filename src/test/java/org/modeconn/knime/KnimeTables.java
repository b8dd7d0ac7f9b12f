package org.modeconn.knime;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageCellFactory;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataTable;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.ImageShape;

/** KNIME tables of MNIST digits for node tests: an integer {@code label} column and px0 … px783. */
public final class KnimeTables {

    private static Dataset train;

    private static Dataset test;

    private KnimeTables() {
    }

    /** The first {@code n} training digits. */
    public static synchronized BufferedDataTable mnistTrain(final int n) {
        if (train == null) {
            train = EmbeddedMnist.train();
        }
        return table(train.head(n));
    }

    /** The first {@code n} test digits. */
    public static synchronized BufferedDataTable mnistTest(final int n) {
        if (test == null) {
            test = EmbeddedMnist.test();
        }
        return table(test.head(n));
    }

    /** The spec of those tables. */
    public static DataTableSpec mnistSpec() {
        List<DataColumnSpec> cols = new ArrayList<>();
        cols.add(new DataColumnSpecCreator("label", IntCell.TYPE).createSpec());
        for (int j = 0; j < 784; j++) {
            cols.add(new DataColumnSpecCreator("px" + j, IntCell.TYPE).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** Digits with integer labels as the test workflows' CSV files hold them: {@code label}, px0 … px783. */
    public static BufferedDataTable mnist(final Dataset d) {
        return table(d);
    }

    private static BufferedDataTable table(final Dataset d) {
        List<DataRow> rows = new ArrayList<>();
        float[] x = d.rawFeatures();
        int f = d.numFeatures();
        for (int i = 0; i < d.numExamples(); i++) {
            DataCell[] cells = new DataCell[f + 1];
            cells[0] = new IntCell(Integer.parseInt(d.classNames().get(d.labels()[i])));
            for (int j = 0; j < f; j++) {
                cells[j + 1] = new IntCell((int)x[i * f + j]);
            }
            rows.add(new DefaultRow(RowKey.createRowKey((long)i), cells));
        }
        return BufferedDataTable.subsetOf(mnistSpec(), rows);
    }

    /** A table with the given spec and rows of cells. */
    public static BufferedDataTable of(final DataTableSpec spec, final List<DataCell[]> rows) {
        List<DataRow> r = new ArrayList<>();
        for (DataCell[] cells : rows) {
            r.add(new DefaultRow(RowKey.createRowKey((long)r.size()), cells));
        }
        return BufferedDataTable.subsetOf(spec, r);
    }

    /** The spec of a table of PNG images in column {@code image} and string classes in {@code label}. */
    public static DataTableSpec imageSpec() {
        return new DataTableSpec(new DataColumnSpecCreator("image", PNGImageContent.TYPE).createSpec(),
            new DataColumnSpecCreator("label", StringCell.TYPE).createSpec());
    }

    /** The images of {@code d} (grey or RGB, 0..255) as PNG cells, with their class names as labels. */
    public static BufferedDataTable images(final Dataset d) {
        ImageShape shape = d.imageShape().orElseThrow();
        List<DataCell[]> rows = new ArrayList<>();
        for (int i = 0; i < d.numExamples(); i++) {
            float[] row = new float[shape.size()];
            System.arraycopy(d.rawFeatures(), i * shape.size(), row, 0, shape.size());
            rows.add(new DataCell[] {PNGImageCellFactory.create(png(shape, row)),
                new StringCell(d.classNames().get(d.labels()[i]))});
        }
        return of(imageSpec(), rows);
    }

    /** Encodes one channel-major row of 0..255 values as a grey (1 channel) or RGB (3 channels) PNG. */
    public static byte[] png(final ImageShape shape, final float[] row) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        BufferedImage image = new BufferedImage(w, h,
            shape.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int k = y * w + x;
                if (shape.channels() == 1) {
                    image.getRaster().setSample(x, y, 0, (int)row[k]);
                } else {
                    image.setRGB(x, y, ((int)row[k] << 16) | ((int)row[plane + k] << 8) | (int)row[2 * plane + k]);
                }
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
