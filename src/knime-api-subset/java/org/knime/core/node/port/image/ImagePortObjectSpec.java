package org.knime.core.node.port.image;

import javax.swing.JComponent;

import org.knime.core.data.DataType;
import org.knime.core.node.port.PortObjectSpec;

/** KNIME API subset: the spec of an image port. */
public final class ImagePortObjectSpec implements PortObjectSpec {
    private final DataType m_type;

    public ImagePortObjectSpec(final DataType type) {
        m_type = type;
    }

    public DataType getDataType() {
        return m_type;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
