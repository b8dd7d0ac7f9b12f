package org.knime.node.parameters.widget.choices.filter;

import java.util.Arrays;
import java.util.List;

import org.knime.core.data.DataTableSpec;

/**
 * KNIME API subset: a column selection. KNIME's also selects by pattern or type; the subset keeps the
 * manual selection, which is what a new ColumnFilter(String[]) is.
 */
public final class ColumnFilter {
    private final String[] m_manuallySelected;

    public ColumnFilter() {
        this(new String[0]);
    }

    public ColumnFilter(final String[] selected) {
        m_manuallySelected = selected.clone();
    }

    public String[] filterFromFullSpec(final DataTableSpec spec) {
        List<String> selected = Arrays.asList(m_manuallySelected);
        return spec.stream().map(c -> c.getName()).filter(selected::contains).toArray(String[]::new);
    }

    /** Subset only: the manual selection, for the subset's settings persistence. */
    public String[] subsetManuallySelected() {
        return m_manuallySelected.clone();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ColumnFilter f && Arrays.equals(f.m_manuallySelected, m_manuallySelected);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_manuallySelected);
    }
}
