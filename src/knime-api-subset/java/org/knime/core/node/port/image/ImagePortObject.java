package org.knime.core.node.port.image;

import java.util.Objects;

import javax.swing.JComponent;

import org.knime.core.data.image.ImageContent;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** KNIME API subset: an image at a port. */
public class ImagePortObject implements PortObject {
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(ImagePortObject.class);

    public static final PortType TYPE_OPTIONAL = PortTypeRegistry.getInstance().getPortType(ImagePortObject.class,
        true);

    private ImageContent m_content;
    private ImagePortObjectSpec m_spec;

    public ImagePortObject() {
    }

    public ImagePortObject(final ImageContent content, final ImagePortObjectSpec spec) {
        m_content = Objects.requireNonNull(content);
        m_spec = Objects.requireNonNull(spec);
    }

    /** Subset only: the content, for tests (KNIME exposes it through toDataCell()). */
    public ImageContent subsetContent() {
        return m_content;
    }

    @Override
    public String getSummary() {
        return m_content.getSummary();
    }

    @Override
    public ImagePortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
