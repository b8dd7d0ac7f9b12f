package org.knime.core.data.image.png;

import org.knime.core.data.image.ImageValue;

/** KNIME API subset: a cell holding a PNG image. */
public interface PNGImageValue extends ImageValue {
    @Override
    PNGImageContent getImageContent();
}
