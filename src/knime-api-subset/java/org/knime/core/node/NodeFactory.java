package org.knime.core.node;

/** KNIME API subset: creates a node's model, dialog, views and description. */
public abstract class NodeFactory<T extends NodeModel> {
    public enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Meta, LoopStart, LoopEnd, ScopeStart,
        ScopeEnd, Configuration, Other, Missing, Unknown, Subnode, VirtualIn, VirtualOut
    }

    protected NodeFactory() {
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    public abstract NodeView<T> createNodeView(final int viewIndex, final T nodeModel);

    protected abstract boolean hasDialog();

    protected abstract NodeDialogPane createNodeDialogPane();

    protected NodeDescription createNodeDescription() throws Exception {
        throw new UnsupportedOperationException("no description");
    }
}
