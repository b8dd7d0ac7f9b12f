package org.knime.core.data;

import java.util.Objects;

/** KNIME API subset: builds a {@link DataColumnSpec}. */
public final class DataColumnSpecCreator {
    private final String m_name;
    private final DataType m_type;
    private DataColumnDomain m_domain = new DataColumnDomainCreator().createDomain();

    public DataColumnSpecCreator(final String name, final DataType type) {
        m_name = Objects.requireNonNull(name);
        m_type = Objects.requireNonNull(type);
    }

    public void setDomain(final DataColumnDomain domain) {
        m_domain = domain;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type, m_domain);
    }
}
