package org.knime.core.data;

/** KNIME API subset: a cell whose values are categories. */
public interface NominalValue extends DataValue {
}
