package org.knime.node.impl.description;

import org.knime.node.parameters.NodeParameters;

/** KNIME API subset: a view in a node description. */
public record ViewDescription(String name, String description, Class<? extends NodeParameters> viewSettingsClass) {
    public ViewDescription(final String name, final String description) {
        this(name, description, null);
    }
}
