package org.knime.node;

import java.util.List;

import org.knime.core.node.ConfigurableNodeFactory;
import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeModel;
import org.knime.core.webui.node.dialog.NodeDialog;
import org.knime.core.webui.node.dialog.NodeDialogFactory;
import org.knime.core.webui.node.dialog.SettingsType;
import org.knime.core.webui.node.dialog.defaultdialog.DefaultNodeDialog;
import org.knime.core.webui.node.view.NodeView;
import org.knime.core.webui.node.view.NodeViewFactory;
import org.knime.node.impl.description.DefaultNodeDescriptionUtil;
import org.knime.node.impl.description.PortDescription;

/**
 * KNIME API subset: the factory of a node defined by a {@link DefaultNode}: model, dialog, view and description all
 * come from it. The deprecated Swing members are implemented here (final), so a subclass declares only its
 * constructor.
 */
public abstract class DefaultNodeFactory extends ConfigurableNodeFactory<NodeModel>
    implements NodeDialogFactory, NodeViewFactory<NodeModel> {

    private final DefaultNode m_node;

    protected DefaultNodeFactory(final DefaultNode node) {
        super(true);
        m_node = node;
    }

    @Override
    protected final NodeDescription createNodeDescription() throws Exception {
        var view = m_node.getView();
        return DefaultNodeDescriptionUtil.createNodeDescription(m_node.m_name, m_node.m_icon,
            m_node.m_inPorts.stream().map(p -> PortDescription.fixedPort(p.name(), p.description())).toList(),
            m_node.m_outPorts.stream().map(p -> PortDescription.fixedPort(p.name(), p.description())).toList(),
            m_node.m_shortDescription, m_node.m_fullDescription, List.of(),
            m_node.m_model.getParametersClass().orElse(null), null, view.map(v -> v.m_description).orElse(null),
            m_node.m_nodeType, m_node.m_keywords, m_node.m_sinceVersion);
    }

    @Override
    public boolean hasNodeDialog() {
        return m_node.m_model.getParametersClass().isPresent();
    }

    @Override
    public final NodeDialog createNodeDialog() {
        return new DefaultNodeDialog(SettingsType.MODEL, m_node.m_model.getParametersClass().orElseThrow());
    }

    @Override
    public final boolean hasNodeView() {
        return m_node.getView().isPresent();
    }

    @Override
    public final NodeView createNodeView(final NodeModel nodeModel) {
        throw new UnsupportedOperationException("Subset: views are created by KNIME");
    }

    @Override
    protected final int getNrNodeViews() {
        return hasNodeView() ? 1 : 0;
    }

    @Deprecated
    @SuppressWarnings("removal") // as in KNIME: the final overrides retire the Swing members
    @Override
    protected final boolean hasDialog() { // NOSONAR
        return false;
    }

    @Deprecated
    @SuppressWarnings("removal") // as in KNIME: the final overrides retire the Swing members
    @Override
    protected final NodeDialogPane createNodeDialogPane() { // NOSONAR
        return null;
    }

    @Deprecated
    @SuppressWarnings("removal") // as in KNIME: the final overrides retire the Swing members
    @Override
    public final org.knime.core.node.NodeView<NodeModel> createNodeView(final int viewIndex, // NOSONAR
        final NodeModel nodeModel) {
        return null;
    }

    @Deprecated
    @SuppressWarnings("removal") // as in KNIME: the final overrides retire the Swing members
    @Override
    public final NodeModel createNodeModel() { // NOSONAR
        throw new UnsupportedOperationException("Subset: node models are created by KNIME");
    }

    /** Subset only: the node this factory was built from, for tests. */
    public final DefaultNode subsetNode() {
        return m_node;
    }
}
