package org.modeconn.knime.node;

import java.util.Objects;

import org.knime.core.node.port.PortType;
import org.knime.node.impl.description.PortDescription;

/**
 * One port of a node: its name and description (as the node description shows them) and its type; an
 * optional type makes the port one that may stay unconnected.
 *
 * @param name the port's name, unique among the node's ports (KNIME's port group id)
 * @param description what the port carries, as an XHTML fragment
 * @param type its port type
 */
public record NodePort(String name, String description, PortType type) {

    /** Checks that every part is given. */
    public NodePort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
    }

    /** The port as KNIME's node description lists it. */
    public PortDescription describe() {
        return type.isOptional() ? PortDescription.optionalPort(name, description)
            : PortDescription.fixedPort(name, description);
    }
}
