package org.knime.node.parameters.widget.choices.util;

import java.util.Collection;
import java.util.List;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataValue;
import org.knime.core.data.DoubleValue;

/** KNIME API subset: the columns compatible with one of some value classes. */
public class CompatibleColumnsProvider implements FilteredInputTableColumnsProvider {
    private final List<Class<? extends DataValue>> m_valueClasses;

    protected CompatibleColumnsProvider(final Class<? extends DataValue> valueClass) {
        m_valueClasses = List.of(valueClass);
    }

    protected CompatibleColumnsProvider(final Collection<Class<? extends DataValue>> valueClasses) {
        m_valueClasses = List.copyOf(valueClasses);
    }

    @Override
    public boolean isIncluded(final DataColumnSpec col) {
        return m_valueClasses.stream().anyMatch(c -> col.getType().isCompatible(c));
    }

    public static class DoubleColumnsProvider extends CompatibleColumnsProvider {
        protected DoubleColumnsProvider() {
            super(DoubleValue.class);
        }
    }
}
