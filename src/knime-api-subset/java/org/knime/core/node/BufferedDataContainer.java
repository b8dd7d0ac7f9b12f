package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;

/** KNIME API subset: collects rows into a {@link BufferedDataTable}. */
public class BufferedDataContainer {
    private final DataTableSpec m_spec;
    private final List<DataRow> m_rows = new ArrayList<>();
    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    public void addRowToTable(final DataRow row) {
        if (m_table != null) {
            throw new IllegalStateException("Container is closed");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Row has " + row.getNumCells() + " cells, spec has "
                + m_spec.getNumColumns() + " columns");
        }
        m_rows.add(row);
    }

    public void close() {
        if (m_table == null) {
            m_table = BufferedDataTable.subsetOf(m_spec, m_rows);
        }
    }

    public BufferedDataTable getTable() {
        if (m_table == null) {
            throw new IllegalStateException("Container not closed");
        }
        return m_table;
    }
}
