package org.modeconn.knime.ensembleloopend;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/**
 * Ensemble Loop End: collects the network of every iteration of a KNIME loop into one ensemble. A loop end
 * must be a node model that implements KNIME's {@code LoopEndNode}, which the fluent node API the other nodes
 * use does not offer, so this factory is a plain {@link NodeFactory}, described by
 * {@code EnsembleLoopEndNodeFactory.xml} beside it.
 */
public final class EnsembleLoopEndNodeFactory extends NodeFactory<EnsembleLoopEndNodeModel> {

    /** The factory KNIME instantiates. */
    public EnsembleLoopEndNodeFactory() {
    }

    @Override
    public EnsembleLoopEndNodeModel createNodeModel() {
        return new EnsembleLoopEndNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    // KNIME's NodeFactory still declares these three abstract, though deprecated for removal since 5.6: a node
    // that is not a DefaultNodeFactory must implement them, so the removal warning is suppressed here only.
    @Override
    @Deprecated(since = "5.6", forRemoval = true)
    @SuppressWarnings("removal")
    public NodeView<EnsembleLoopEndNodeModel> createNodeView(final int viewIndex,
        final EnsembleLoopEndNodeModel nodeModel) {
        return null;
    }

    @Override
    @Deprecated(since = "5.6", forRemoval = true)
    @SuppressWarnings("removal")
    protected boolean hasDialog() {
        return false;
    }

    @Override
    @Deprecated(since = "5.6", forRemoval = true)
    @SuppressWarnings("removal")
    protected NodeDialogPane createNodeDialogPane() {
        return null;
    }
}
