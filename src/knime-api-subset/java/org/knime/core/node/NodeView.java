package org.knime.core.node;

/** KNIME API subset: a classic Swing node view (the nodes here have none). */
public abstract class NodeView<T extends NodeModel> {
    protected NodeView(final T nodeModel) {
    }
}
