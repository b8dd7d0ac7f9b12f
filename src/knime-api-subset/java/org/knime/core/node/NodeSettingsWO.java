package org.knime.core.node;

/** KNIME API subset: write access to a node's settings. */
public interface NodeSettingsWO {
    NodeSettingsWO addNodeSettings(String key);

    void addString(String key, String value);

    void addInt(String key, int value);

    void addLong(String key, long value);

    void addDouble(String key, double value);

    void addBoolean(String key, boolean value);

    void addStringArray(String key, String... values);
}
