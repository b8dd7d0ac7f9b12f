package org.knime.core.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

/** KNIME API subset: the columns of a table. */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {
    private final String m_name;
    private final DataColumnSpec[] m_columns;

    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this("default", colSpecs);
    }

    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name;
        m_columns = colSpecs.clone();
        for (int i = 0; i < m_columns.length; i++) {
            for (int j = 0; j < i; j++) {
                if (m_columns[i].getName().equals(m_columns[j].getName())) {
                    throw new IllegalArgumentException("Duplicate column name \"" + m_columns[i].getName() + "\"");
                }
            }
        }
    }

    public String getName() {
        return m_name;
    }

    public int getNumColumns() {
        return m_columns.length;
    }

    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns[index];
    }

    public DataColumnSpec getColumnSpec(final String column) {
        int i = findColumnIndex(column);
        return i < 0 ? null : m_columns[i];
    }

    public int findColumnIndex(final String columnName) {
        for (int i = 0; i < m_columns.length; i++) {
            if (m_columns[i].getName().equals(columnName)) {
                return i;
            }
        }
        return -1;
    }

    public boolean containsName(final String columnName) {
        return findColumnIndex(columnName) >= 0;
    }

    public String[] getColumnNames() {
        return Arrays.stream(m_columns).map(DataColumnSpec::getName).toArray(String[]::new);
    }

    public Stream<DataColumnSpec> stream() {
        return Arrays.stream(m_columns);
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return List.of(m_columns).iterator();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataTableSpec s && Arrays.equals(s.m_columns, m_columns);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_columns);
    }

    @Override
    public String toString() {
        return "name=" + m_name + ",columns=" + Arrays.toString(getColumnNames());
    }
}
