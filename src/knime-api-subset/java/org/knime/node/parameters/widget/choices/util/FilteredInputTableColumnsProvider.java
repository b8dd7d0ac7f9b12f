package org.knime.node.parameters.widget.choices.util;

import org.knime.core.data.DataColumnSpec;
import org.knime.node.parameters.widget.choices.ColumnChoicesProvider;

/** KNIME API subset: the columns of an input table that pass a test. */
public interface FilteredInputTableColumnsProvider extends InputTableIndexHolder, ColumnChoicesProvider {
    boolean isIncluded(DataColumnSpec col);
}
