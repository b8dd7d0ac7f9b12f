package org.modeconn.knime.node;

import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;

/** PNG figures at image ports (KNIME shows them in the port view and in reports). */
public final class ImagePorts {

    private ImagePorts() {
    }

    /** The spec of a PNG image port, known at configure time. */
    public static ImagePortObjectSpec pngSpec() {
        return new ImagePortObjectSpec(PNGImageContent.TYPE);
    }

    /** A PNG image port object. */
    public static ImagePortObject png(final byte[] png) {
        return new ImagePortObject(new PNGImageContent(png), pngSpec());
    }
}
