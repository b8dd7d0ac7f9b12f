package org.knime.core.data.image;

/** KNIME API subset: the content of an image port or cell. */
public interface ImageContent {
    String getSummary();
}
