package org.knime.core.node;

/**
 * KNIME API subset: creates a node's model, dialog, views and description. As in KNIME 5.12, the Swing dialog and
 * view members are deprecated for removal: nodes extend {@link org.knime.node.DefaultNodeFactory} instead.
 */
public abstract class NodeFactory<T extends NodeModel> {
    public enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Widget, Meta, LoopStart, LoopEnd, ScopeStart,
        ScopeEnd, Configuration, Other, Missing, Unknown, Subnode, VirtualIn, VirtualOut
    }

    protected NodeFactory() {
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    @Deprecated(since = "5.6", forRemoval = true)
    public abstract NodeView<T> createNodeView(final int viewIndex, final T nodeModel);

    @Deprecated(since = "5.6", forRemoval = true)
    protected abstract boolean hasDialog();

    @Deprecated(since = "5.6", forRemoval = true)
    protected abstract NodeDialogPane createNodeDialogPane();

    protected NodeDescription createNodeDescription() throws Exception {
        throw new UnsupportedOperationException("no description");
    }
}
