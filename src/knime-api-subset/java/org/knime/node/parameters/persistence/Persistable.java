package org.knime.node.parameters.persistence;

/** KNIME API subset: a class whose fields are persisted into node settings. */
public interface Persistable {
}
