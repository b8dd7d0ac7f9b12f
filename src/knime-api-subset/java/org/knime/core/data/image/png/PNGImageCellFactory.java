package org.knime.core.data.image.png;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** KNIME API subset: creates PNG image cells. */
public class PNGImageCellFactory {
    public static final DataType TYPE = PNGImageContent.TYPE;

    private PNGImageCellFactory() {
    }

    public static DataCell create(final byte[] contents) {
        return new PNGImageCell(new PNGImageContent(contents));
    }
}
