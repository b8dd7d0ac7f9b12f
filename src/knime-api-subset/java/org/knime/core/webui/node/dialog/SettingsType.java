package org.knime.core.webui.node.dialog;

/** KNIME API subset: model or view settings. */
public enum SettingsType {
    MODEL("model"), VIEW("view");

    private final String m_configKey;

    SettingsType(final String configKey) {
        m_configKey = configKey;
    }

    public String getConfigKey() {
        return m_configKey;
    }
}
