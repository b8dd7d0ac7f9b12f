package org.knime.core.node;

/** KNIME API subset: marks the types of KNIME's fluent node API (DefaultNode, DefaultModel, DefaultView, Page). */
public interface FluentNodeAPI {
}
