package org.knime.core.node.workflow;

/** KNIME API subset: the context of a loop. */
public class FlowLoopContext extends FlowScopeContext {
}
