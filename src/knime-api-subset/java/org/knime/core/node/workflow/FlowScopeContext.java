package org.knime.core.node.workflow;

/** KNIME API subset: the context a scope (a loop, say) puts on the flow-object stack. */
public class FlowScopeContext {
}
