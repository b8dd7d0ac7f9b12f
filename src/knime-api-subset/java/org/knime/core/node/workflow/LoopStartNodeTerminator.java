package org.knime.core.node.workflow;

/** KNIME API subset: a loop start that knows when its loop ends. */
public interface LoopStartNodeTerminator extends LoopStartNode {

    /** @return true when the iteration just run is the last */
    boolean terminateLoop();
}
