package org.knime.node.parameters.widget.choices.filter;

import org.knime.node.parameters.persistence.Persistable;

/** KNIME API subset: a column filter's selected types (preferred value class names), persisted as KNIME's. */
final class ColumnTypeFilter implements Persistable {

    public String[] m_selectedTypes = new String[0];

    ColumnTypeFilter() {
    }
}
