package org.knime.node.parameters.migration;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;

/** KNIME API subset: loads a field's value from (older) settings. */
@FunctionalInterface
public interface ParametersLoader<T> {
    T load(NodeSettingsRO settings) throws InvalidSettingsException;
}
