package org.knime.core.data;

import java.io.Serializable;

/** KNIME API subset: one cell of a row. */
public abstract class DataCell implements DataValue, Serializable {
    private static final long serialVersionUID = 1L;

    protected DataCell() {
    }

    public final DataType getType() {
        return DataType.getType(getClass());
    }

    public boolean isMissing() {
        return false;
    }

    @Override
    public abstract String toString();
}
