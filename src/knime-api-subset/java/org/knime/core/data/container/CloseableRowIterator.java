package org.knime.core.data.container;

import java.io.Closeable;

import org.knime.core.data.RowIterator;

/** KNIME API subset: a row iterator that must be closed when not read to its end. */
public abstract class CloseableRowIterator extends RowIterator implements Closeable {
    @Override
    public abstract void close();
}
