package org.knime.node.parameters.widget.choices;

/** KNIME API subset: choices that are columns of an input table. */
public interface ColumnChoicesProvider extends ChoicesStateProvider<Object> {
}
