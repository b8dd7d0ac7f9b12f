package org.knime.node.impl.description;

/** KNIME API subset: a link in a node description (used here only as a parameter type). */
public record ExternalResource(String href, String description) {
}
