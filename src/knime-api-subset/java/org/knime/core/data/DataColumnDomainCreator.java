package org.knime.core.data;

import java.util.Set;

/** KNIME API subset: builds a {@link DataColumnDomain}. */
public class DataColumnDomainCreator {
    private Set<? extends DataCell> m_values;

    public DataColumnDomainCreator() {
    }

    public DataColumnDomainCreator(final Set<? extends DataCell> values) {
        m_values = values;
    }

    public DataColumnDomain createDomain() {
        return new DataColumnDomain(m_values);
    }
}
