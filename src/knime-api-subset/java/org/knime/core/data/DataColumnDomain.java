package org.knime.core.data;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** KNIME API subset: what is known of a column's values: its possible values, if listed (bounds not mirrored). */
public final class DataColumnDomain {
    private final Set<DataCell> m_values;

    DataColumnDomain(final Set<? extends DataCell> values) {
        m_values = values == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    public Set<DataCell> getValues() {
        return m_values;
    }

    public boolean hasValues() {
        return m_values != null;
    }
}
