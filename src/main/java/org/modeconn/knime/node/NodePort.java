package org.modeconn.knime.node;

import java.util.Objects;

import org.knime.core.node.port.PortType;

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

    /**
     * The description as the node description shows it. KNIME's fixed ports carry no optional flag into the
     * description, so an optional port says so in its text.
     */
    public String describedAsShown() {
        return type.isOptional() ? "Optional. " + description : description;
    }
}
