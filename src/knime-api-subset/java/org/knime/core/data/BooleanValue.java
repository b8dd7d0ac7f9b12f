package org.knime.core.data;

/** KNIME API subset: a cell with a boolean value. */
public interface BooleanValue extends DataValue {
    boolean getBooleanValue();
}
