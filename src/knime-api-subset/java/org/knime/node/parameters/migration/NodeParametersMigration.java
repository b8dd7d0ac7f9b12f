package org.knime.node.parameters.migration;

import java.util.List;

/** KNIME API subset: the ways older settings of one field are recognised and loaded. */
public interface NodeParametersMigration<T> {
    List<ConfigMigration<T>> getConfigMigrations();
}
