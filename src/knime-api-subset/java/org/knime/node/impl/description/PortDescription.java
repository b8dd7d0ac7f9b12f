package org.knime.node.impl.description;

/** KNIME API subset: a port's name and description in a node description. */
public record PortDescription(String id, String name, String description, boolean configurable, boolean optional) {
    public static PortDescription fixedPort(final String name, final String description) {
        return new PortDescription(null, name, description, false, false);
    }

    public static PortDescription optionalPort(final String name, final String description) {
        return new PortDescription(null, name, description, false, true);
    }
}
