package org.knime.node.impl.description;

/** KNIME API subset: a view in a node description (used here only as a parameter type). */
public record ViewDescription(String name, String description) {
}
