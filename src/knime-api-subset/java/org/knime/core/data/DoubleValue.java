package org.knime.core.data;

/** KNIME API subset: a cell with a double value. */
public interface DoubleValue extends DataValue {
    double getDoubleValue();
}
