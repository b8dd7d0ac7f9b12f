package org.knime.node.parameters.updates;

/** KNIME API subset: names a parameter of value type V so that predicates and providers can refer to it. */
public interface ParameterReference<V> {
}
