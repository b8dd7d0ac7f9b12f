package org.knime.core.node;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** KNIME API subset: a tree of typed settings, kept in memory. */
public final class NodeSettings implements NodeSettingsRO, NodeSettingsWO {
    private final String m_key;
    private final Map<String, Object> m_entries = new LinkedHashMap<>();

    public NodeSettings(final String key) {
        m_key = key;
    }

    public String getKey() {
        return m_key;
    }

    @Override
    public NodeSettings addNodeSettings(final String key) {
        NodeSettings child = new NodeSettings(key);
        m_entries.put(key, child);
        return child;
    }

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        return get(key, NodeSettings.class);
    }

    @Override
    public boolean containsKey(final String key) {
        return m_entries.containsKey(key);
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_entries.keySet());
    }

    @Override
    public void addString(final String key, final String value) {
        m_entries.put(key, value == null ? NULL : value);
    }

    @Override
    public void addInt(final String key, final int value) {
        m_entries.put(key, value);
    }

    @Override
    public void addLong(final String key, final long value) {
        m_entries.put(key, value);
    }

    @Override
    public void addDouble(final String key, final double value) {
        m_entries.put(key, value);
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        m_entries.put(key, value);
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        m_entries.put(key, values == null ? NULL : values.clone());
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        Object v = m_entries.get(key);
        return v == NULL && m_entries.containsKey(key) ? null : get(key, String.class);
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return get(key, Integer.class);
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        Object v = m_entries.get(key);
        return v instanceof Integer i ? i : get(key, Long.class);
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return get(key, Double.class);
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return get(key, Boolean.class);
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        Object v = m_entries.get(key);
        return v == NULL && m_entries.containsKey(key) ? null : get(key, String[].class).clone();
    }

    private <T> T get(final String key, final Class<T> type) throws InvalidSettingsException {
        Object v = m_entries.get(key);
        if (v == null) {
            // KNIME's ConfigBase names what it looked for: "Int for key", "Config for key", ...
            throw new InvalidSettingsException(entryName(type) + " for key \"" + key + "\" not found.");
        }
        if (!type.isInstance(v)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" is not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    private static String entryName(final Class<?> type) {
        if (type == Integer.class) {
            return "Int";
        }
        if (type == NodeSettings.class) {
            return "Config";
        }
        if (type == String[].class) {
            return "StringArray";
        }
        return type.getSimpleName();
    }

    private static final Object NULL = new Object();
}
