package org.knime.core.data;

import java.util.Objects;

import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;

/** KNIME API subset: the type of a column, defined by its cell class. */
public final class DataType {
    private static final DataCell MISSING = new MissingCell();

    private final Class<? extends DataCell> m_cellClass;

    private DataType(final Class<? extends DataCell> cellClass) {
        m_cellClass = cellClass;
    }

    public static DataType getType(final Class<? extends DataCell> cell) {
        return new DataType(Objects.requireNonNull(cell));
    }

    public static DataCell getMissingCell() {
        return MISSING;
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        if (valueClass.isAssignableFrom(m_cellClass)) {
            return true;
        }
        // As in KNIME, integer cells are also doubles.
        return valueClass == DoubleValue.class && (m_cellClass == IntCell.class || m_cellClass == LongCell.class);
    }

    public String getName() {
        if (m_cellClass == DoubleCell.class) {
            return "Number (Float)";
        }
        if (m_cellClass == IntCell.class) {
            return "Number (Integer)";
        }
        if (m_cellClass == StringCell.class) {
            return "String";
        }
        return m_cellClass.getSimpleName();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataType t && t.m_cellClass == m_cellClass;
    }

    @Override
    public int hashCode() {
        return m_cellClass.hashCode();
    }

    @Override
    public String toString() {
        return getName();
    }

    private static final class MissingCell extends DataCell {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isMissing() {
            return true;
        }

        @Override
        public String toString() {
            return "?";
        }
    }
}
