package org.knime.core.node;

import java.util.Set;

/** KNIME API subset: read access to a node's settings. */
public interface NodeSettingsRO {
    NodeSettingsRO getNodeSettings(String key) throws InvalidSettingsException;

    boolean containsKey(String key);

    Set<String> keySet();

    String getString(String key) throws InvalidSettingsException;

    int getInt(String key) throws InvalidSettingsException;

    long getLong(String key) throws InvalidSettingsException;

    double getDouble(String key) throws InvalidSettingsException;

    boolean getBoolean(String key) throws InvalidSettingsException;

    String[] getStringArray(String key) throws InvalidSettingsException;
}
