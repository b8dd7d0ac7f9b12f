package org.knime.node.parameters;

/** KNIME API subset: a class whose annotated fields become dialog widgets. */
public interface WidgetGroup {
}
