package org.knime.core.node;

import java.util.Iterator;
import java.util.List;

import javax.swing.JComponent;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** KNIME API subset: a table; here its rows live in memory. */
public final class BufferedDataTable implements PortObject {
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class);

    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class, true);

    private final DataTableSpec m_spec;
    private final List<DataRow> m_rows;

    private BufferedDataTable(final DataTableSpec spec, final List<DataRow> rows) {
        m_spec = spec;
        m_rows = List.copyOf(rows);
    }

    /** Subset only: a table of the given rows. */
    public static BufferedDataTable subsetOf(final DataTableSpec spec, final List<DataRow> rows) {
        return new BufferedDataTable(spec, rows);
    }

    public DataTableSpec getDataTableSpec() {
        return m_spec;
    }

    @Override
    public DataTableSpec getSpec() {
        return m_spec;
    }

    public long size() {
        return m_rows.size();
    }

    public CloseableRowIterator iterator() {
        Iterator<DataRow> it = m_rows.iterator();
        return new CloseableRowIterator() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public DataRow next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getSummary() {
        return "Rows: " + size() + ", Cols: " + m_spec.getNumColumns();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
