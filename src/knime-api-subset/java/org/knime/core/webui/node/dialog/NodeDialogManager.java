package org.knime.core.webui.node.dialog;

import org.knime.core.node.NodeDialogPane;

/** KNIME API subset: bridges web-UI dialogs into the classic dialog pane (flow variables tab). */
public final class NodeDialogManager {
    private NodeDialogManager() {
    }

    public static NodeDialogPane createLegacyFlowVariableNodeDialog(final NodeDialog dialog) {
        throw new UnsupportedOperationException("Needs a running KNIME (NodeContext); not part of the subset.");
    }
}
