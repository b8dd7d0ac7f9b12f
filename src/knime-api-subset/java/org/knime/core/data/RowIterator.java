package org.knime.core.data;

import java.util.Iterator;

/** KNIME API subset: iterates over the rows of a table. */
public abstract class RowIterator implements Iterator<DataRow> {
    @Override
    public abstract boolean hasNext();

    @Override
    public abstract DataRow next();
}
