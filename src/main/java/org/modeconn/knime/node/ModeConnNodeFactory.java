package org.modeconn.knime.node;

import java.util.List;

import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;
import org.knime.core.webui.node.dialog.NodeDialog;
import org.knime.core.webui.node.dialog.NodeDialogFactory;
import org.knime.core.webui.node.dialog.NodeDialogManager;
import org.knime.core.webui.node.dialog.SettingsType;
import org.knime.core.webui.node.dialog.defaultdialog.DefaultNodeDialog;
import org.knime.node.impl.description.DefaultNodeDescriptionUtil;

/**
 * The factory shape every node here shares, as knime-base's hybrid nodes have it: a classic
 * {@link NodeModel}, the web dialog generated from the parameters class, and a description generated from
 * the node's {@link NodeDefinition} and the parameters' widget descriptions. No views: results are ports.
 * <p>
 * KNIME may build the description while this object is being constructed, so subclasses answer
 * {@link #definition()} from a constant.
 *
 * @param <M> the node model
 */
public abstract class ModeConnNodeFactory<M extends NodeModel> extends NodeFactory<M> implements NodeDialogFactory {

    /** The node's texts, parameters and model (a constant). */
    protected abstract NodeDefinition<M> definition();

    @Override
    public final M createNodeModel() {
        return definition().model().get();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<M> createNodeView(final int viewIndex, final M nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return NodeDialogManager.createLegacyFlowVariableNodeDialog(createNodeDialog());
    }

    @Override
    public NodeDialog createNodeDialog() {
        return new DefaultNodeDialog(SettingsType.MODEL, definition().parameters());
    }

    @Override
    public NodeDescription createNodeDescription() {
        NodeDefinition<M> t = definition();
        return DefaultNodeDescriptionUtil.createNodeDescription(t.name(), t.icon(), t.inPorts(), t.outPorts(),
            t.shortDescription(), t.fullDescription(), List.of(), t.parameters(), null, t.type(), t.keywords(),
            null);
    }
}
