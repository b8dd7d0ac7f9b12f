package org.modeconn.knime.views;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.port.PortObject;
import org.modeconn.engine.report.view.ViewData;

/**
 * A node's view data as KNIME keeps it: a one-cell table among the node's internal port objects, saved with
 * the workflow, so that the view shows the same figures after the workflow is reopened.
 */
public final class ViewDataTable {

    /** One string column holding the view's JSON. */
    public static final DataTableSpec SPEC =
        new DataTableSpec(new DataColumnSpecCreator("view_data", StringCell.TYPE).createSpec());

    private ViewDataTable() {
    }

    /** The table holding {@code data}. */
    public static BufferedDataTable create(final ViewData data, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(SPEC);
        c.addRowToTable(new DefaultRow(RowKey.createRowKey(0L), new StringCell(data.toJson())));
        c.close();
        return c.getTable();
    }

    /**
     * The view's JSON from the node's internal port objects; if they hold none (a node executed by a version
     * without views, or a copy of a node), a page message saying to execute it.
     */
    public static String json(final PortObject[] internal) {
        if (internal != null && internal.length > 0 && internal[0] instanceof BufferedDataTable table) {
            try (CloseableRowIterator rows = table.iterator()) {
                if (rows.hasNext()) {
                    DataRow row = rows.next();
                    DataCell cell = row.getCell(0);
                    if (cell instanceof StringValue s) {
                        return s.getStringValue();
                    }
                }
            }
        }
        return "{\"error\":\"This node has no figures to show. Reset and execute it to see its view (a node executed "
            + "by an earlier version of the extension has none).\"}";
    }
}
