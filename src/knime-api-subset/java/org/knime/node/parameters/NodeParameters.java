package org.knime.node.parameters;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.persistence.Persistable;

/** KNIME API subset: a node's settings as a class: fields persist, {@link Widget}s make the dialog. */
public interface NodeParameters extends Persistable, WidgetGroup {
    default void validate() throws InvalidSettingsException {
    }
}
