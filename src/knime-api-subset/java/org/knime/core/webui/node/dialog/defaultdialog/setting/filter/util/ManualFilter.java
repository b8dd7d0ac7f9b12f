package org.knime.core.webui.node.dialog.defaultdialog.setting.filter.util;

import java.util.Set;
import java.util.function.Predicate;

import org.knime.node.parameters.persistence.Persistable;

/** KNIME API subset: a column filter's manual selection, persisted by its fields as KNIME's. */
public class ManualFilter implements Persistable {

    public String[] m_manuallySelected;

    public String[] m_manuallyDeselected;

    public boolean m_includeUnknownColumns;

    public ManualFilter(final String[] initialSelected) {
        m_manuallySelected = initialSelected;
        m_manuallyDeselected = new String[0];
    }

    ManualFilter() {
    }

    public Predicate<String> getFilterPredicate() {
        if (m_includeUnknownColumns) {
            Set<String> deselected = Set.of(m_manuallyDeselected);
            return ((Predicate<String>)deselected::contains).negate();
        }
        Set<String> selected = Set.of(m_manuallySelected);
        return selected::contains;
    }
}
