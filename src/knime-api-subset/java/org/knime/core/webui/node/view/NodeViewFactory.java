package org.knime.core.webui.node.view;

import org.knime.core.node.NodeModel;
import org.knime.core.node.wizard.page.WizardPageContribution;

/** KNIME API subset: a node factory that provides a web view. */
public interface NodeViewFactory<T extends NodeModel> extends WizardPageContribution {
    NodeView createNodeView(T nodeModel);
}
