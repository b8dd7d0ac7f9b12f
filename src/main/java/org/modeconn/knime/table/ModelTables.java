package org.modeconn.knime.table;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.knime.ports.ModelDescription;

/** Tables read for a model that exists already: its feature columns, its classes, its image shape. */
public final class ModelTables {

    private ModelTables() {
    }

    /** At configure time: the table has the model's feature columns (and its target, when labels are needed). */
    public static void check(final DataTableSpec table, final ModelDescription model, final boolean needTarget,
        final String role) {
        TableDatasets.checkColumns(table, model.columns(), needTarget, role);
    }

    /** At execute time: the table as the model reads it, labels in the model's class order. */
    public static Dataset read(final BufferedDataTable table, final ModelDescription model, final boolean withLabels,
        final String role, final ExecutionMonitor exec) throws CanceledExecutionException {
        return TableDatasets.read(table, model.columns(), withLabels, model.network().classNames(),
            model.network().imageShape(), role, exec);
    }

    /**
     * Two models can be joined by a curve (or span a plane) only with the same architecture, inputs and
     * classes.
     */
    public static void requireCompatible(final ModelDescription a, final ModelDescription b, final String what) {
        if (!a.network().architecture().equals(b.network().architecture())) {
            throw new InvalidInputException(what + " have different architectures: " + a.network().architecture().describe()
                + " and " + b.network().architecture().describe() + ".",
                "Connect networks trained with the same architecture (only their seeds may differ).");
        }
        if (!a.network().classNames().equals(b.network().classNames())) {
            throw new InvalidInputException(what + " have different classes: " + a.network().classNames() + " and "
                + b.network().classNames() + ".", "Train both on tables with the same classes.");
        }
        if (!a.columns().equals(b.columns()) || a.network().inputFeatures() != b.network().inputFeatures()) {
            throw new InvalidInputException(what + " read different columns (" + a.columns().describeFeatures() + " and "
                + b.columns().describeFeatures() + ", targets '" + a.columns().target() + "' and '"
                + b.columns().target() + "').", "Train both on tables with the same feature and target columns.");
        }
    }
}
