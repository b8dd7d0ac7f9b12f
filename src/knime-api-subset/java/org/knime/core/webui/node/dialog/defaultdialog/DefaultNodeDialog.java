package org.knime.core.webui.node.dialog.defaultdialog;

import org.knime.core.webui.node.dialog.NodeDialog;
import org.knime.core.webui.node.dialog.SettingsType;
import org.knime.node.parameters.NodeParameters;

/** KNIME API subset: the dialog KNIME generates from a {@link NodeParameters} class. */
public final class DefaultNodeDialog implements NodeDialog {
    private final Class<? extends NodeParameters> m_settingsClass;

    public DefaultNodeDialog(final SettingsType settingsType, final Class<? extends NodeParameters> settingsClass) {
        m_settingsClass = settingsClass;
    }

    /** Subset only: the parameters class, for tests. */
    public Class<? extends NodeParameters> subsetSettingsClass() {
        return m_settingsClass;
    }
}
