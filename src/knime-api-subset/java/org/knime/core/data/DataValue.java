package org.knime.core.data;

/** KNIME API subset: the marker interface of cell value kinds. */
public interface DataValue {
}
