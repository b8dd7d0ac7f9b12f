package org.knime.core.node.workflow;

/** KNIME API subset: marks the node model that ends a loop. */
public interface LoopEndNode extends ScopeEndNode<FlowLoopContext> {

    /** Whether variables changed inside the loop reach the loop end's output (KNIME's default: no). */
    default boolean shouldPropagateModifiedVariables() {
        return false;
    }
}
