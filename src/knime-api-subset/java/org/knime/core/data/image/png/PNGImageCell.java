package org.knime.core.data.image.png;

import org.knime.core.data.DataCell;

/** KNIME API subset: a PNG image cell. */
public class PNGImageCell extends DataCell implements PNGImageValue {
    private static final long serialVersionUID = 1L;

    private final PNGImageContent m_content;

    PNGImageCell(final PNGImageContent content) {
        m_content = content;
    }

    @Override
    public PNGImageContent getImageContent() {
        return m_content;
    }

    @Override
    public String getImageExtension() {
        return "png";
    }

    @Override
    public String toString() {
        return m_content.getSummary();
    }
}
