package org.knime.core.node.workflow;

/** KNIME API subset: marks the node model that ends a scope. */
public interface ScopeEndNode<T extends FlowScopeContext> {
}
