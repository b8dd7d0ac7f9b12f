package org.knime.core.data;

/** KNIME API subset: a cell with a string value. */
public interface StringValue extends DataValue {
    String getStringValue();
}
