package org.knime.core.data.container;

import org.knime.core.data.RowIterator;

/** KNIME API subset: a row iterator that must be closed when not read to its end. */
public abstract class CloseableRowIterator extends RowIterator {
    public abstract void close();
}
