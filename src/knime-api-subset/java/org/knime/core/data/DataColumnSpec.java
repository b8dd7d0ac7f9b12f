package org.knime.core.data;

/** KNIME API subset: a column's name and type. */
public final class DataColumnSpec {
    private final String m_name;
    private final DataType m_type;
    private final DataColumnDomain m_domain;

    DataColumnSpec(final String name, final DataType type, final DataColumnDomain domain) {
        m_name = name;
        m_type = type;
        m_domain = domain;
    }

    public String getName() {
        return m_name;
    }

    public DataType getType() {
        return m_type;
    }

    public DataColumnDomain getDomain() {
        return m_domain;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnSpec s && s.m_name.equals(m_name) && s.m_type.equals(m_type);
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() * 31 + m_type.hashCode();
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
