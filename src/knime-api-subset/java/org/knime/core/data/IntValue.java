package org.knime.core.data;

/** KNIME API subset: a cell with an int value. */
public interface IntValue extends DataValue {
    int getIntValue();
}
