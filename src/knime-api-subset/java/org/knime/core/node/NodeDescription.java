package org.knime.core.node;

/** KNIME API subset: a node's description (name, ports, options). */
public abstract class NodeDescription {
    protected NodeDescription() {
    }

    public abstract String getNodeName();

    public abstract String getInportName(int index);

    public abstract String getOutportName(int index);
}
