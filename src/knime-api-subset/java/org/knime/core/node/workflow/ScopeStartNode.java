package org.knime.core.node.workflow;

/** KNIME API subset: marks the node model that starts a scope. */
public interface ScopeStartNode<T extends FlowScopeContext> {
}
