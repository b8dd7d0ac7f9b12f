package org.knime.core.data.image.png;

import org.knime.core.data.DataCell;

/** KNIME API subset: a PNG image cell (only its type is used here). */
public class PNGImageCell extends DataCell {
    private static final long serialVersionUID = 1L;

    PNGImageCell() {
    }

    @Override
    public String toString() {
        return "PNG";
    }
}
