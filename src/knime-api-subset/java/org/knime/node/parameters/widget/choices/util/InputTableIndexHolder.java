package org.knime.node.parameters.widget.choices.util;

/** KNIME API subset: which input table a column provider reads. */
public interface InputTableIndexHolder {
    default int getInputTableIndex() {
        return 0;
    }
}
