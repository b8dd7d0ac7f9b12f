package org.knime.node.parameters.widget.choices.filter;

import java.util.function.Predicate;

import org.knime.core.data.DataTableSpec;
import org.knime.core.webui.node.dialog.defaultdialog.setting.filter.util.ManualFilter;
import org.knime.core.webui.node.dialog.defaultdialog.setting.filter.util.PatternFilter;
import org.knime.core.webui.node.dialog.defaultdialog.setting.filter.util.PatternFilter.PatternMode;
import org.knime.core.webui.node.dialog.defaultdialog.setting.filter.withtypes.TypedStringFilterMode;
import org.knime.node.parameters.persistence.Persistable;

/**
 * KNIME API subset: a column selection, persisted as KNIME's (a sub-config of {@code mode}, {@code patternFilter},
 * {@code manualFilter}, {@code typeFilter}) and applied as KNIME's: manually, by regular expression or by wildcard,
 * in the table's column order. Selection by type is not mirrored (see the subset's README).
 */
public final class ColumnFilter implements Persistable {

    public TypedStringFilterMode m_mode;

    public PatternFilter m_patternFilter;

    public ManualFilter m_manualFilter;

    public ColumnTypeFilter m_typeFilter;

    public ColumnFilter() {
        this(new String[0]);
    }

    public ColumnFilter(final String[] selected) {
        m_mode = TypedStringFilterMode.MANUAL;
        m_manualFilter = new ManualFilter(selected.clone());
        m_patternFilter = new PatternFilter();
        m_typeFilter = new ColumnTypeFilter();
    }

    public String[] filterFromFullSpec(final DataTableSpec spec) {
        Predicate<String> selected = switch (m_mode) {
            case MANUAL -> m_manualFilter.getFilterPredicate();
            case REGEX -> m_patternFilter.getIsSelectedPredicate(PatternMode.REGEX);
            case WILDCARD -> m_patternFilter.getIsSelectedPredicate(PatternMode.WILDCARD);
            case TYPE -> throw new UnsupportedOperationException(
                "Subset only: selection by type is not mirrored by the compile-only KNIME API subset");
        };
        return spec.stream().map(c -> c.getName()).filter(selected).toArray(String[]::new);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ColumnFilter f && f.m_mode == m_mode
            && java.util.Arrays.equals(f.m_manualFilter.m_manuallySelected, m_manualFilter.m_manuallySelected)
            && java.util.Arrays.equals(f.m_manualFilter.m_manuallyDeselected, m_manualFilter.m_manuallyDeselected)
            && f.m_manualFilter.m_includeUnknownColumns == m_manualFilter.m_includeUnknownColumns
            && f.m_patternFilter.m_pattern.equals(m_patternFilter.m_pattern)
            && f.m_patternFilter.m_isCaseSensitive == m_patternFilter.m_isCaseSensitive
            && f.m_patternFilter.m_isInverted == m_patternFilter.m_isInverted;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(m_manualFilter.m_manuallySelected) * 31 + m_mode.hashCode();
    }
}
