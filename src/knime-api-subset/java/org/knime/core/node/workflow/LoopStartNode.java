package org.knime.core.node.workflow;

/** KNIME API subset: marks the node model that starts a loop. */
public interface LoopStartNode extends ScopeStartNode<FlowLoopContext> {
}
