package org.knime.core.data.def;

import java.util.Objects;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.NominalValue;
import org.knime.core.data.StringValue;

/** KNIME API subset: a string cell. */
public final class StringCell extends DataCell implements StringValue, NominalValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(StringCell.class);

    private final String m_value;

    public StringCell(final String str) {
        m_value = Objects.requireNonNull(str);
    }

    @Override
    public String getStringValue() {
        return m_value;
    }

    @Override
    public String toString() {
        return m_value;
    }
}
