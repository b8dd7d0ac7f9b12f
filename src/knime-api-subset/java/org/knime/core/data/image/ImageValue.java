package org.knime.core.data.image;

import org.knime.core.data.DataValue;

/** KNIME API subset: a cell holding an image. */
public interface ImageValue extends DataValue {
    ImageContent getImageContent();

    String getImageExtension();
}
