package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;

/** KNIME API subset: an int cell (also a double, as in KNIME). */
public class IntCell extends DataCell implements IntValue, DoubleValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(IntCell.class);

    private final int m_value;

    public IntCell(final int i) {
        m_value = i;
    }

    @Override
    public int getIntValue() {
        return m_value;
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }

    @Override
    public String toString() {
        return Integer.toString(m_value);
    }
}
