package org.knime.core.data.def;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** KNIME API subset: a row held in memory. */
public class DefaultRow implements DataRow {
    private final RowKey m_key;
    private final DataCell[] m_cells;

    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        m_key = Objects.requireNonNull(rowKey);
        m_cells = row.clone();
    }

    public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
        this(rowKey, row.toArray(new DataCell[0]));
    }

    @Override
    public int getNumCells() {
        return m_cells.length;
    }

    @Override
    public RowKey getKey() {
        return m_key;
    }

    @Override
    public DataCell getCell(final int index) {
        return m_cells[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return List.of(m_cells).iterator();
    }
}
