package org.knime.node;

import java.util.function.Consumer;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortType;
import org.knime.node.DefaultNode.RequireModel;

/** KNIME API subset: the ports step of {@link DefaultNode#create()}; only fixed ports are mirrored. */
public interface RequirePorts {
    RequireModel ports(Consumer<PortsAdder> ports);

    interface PortsAdder {
        PortsAdder addInputPort(String name, String description, PortType portType);

        PortsAdder addOutputPort(String name, String description, PortType portType);

        default PortsAdder addInputTable(final String name, final String description) {
            return addInputPort(name, description, BufferedDataTable.TYPE);
        }

        default PortsAdder addOutputTable(final String name, final String description) {
            return addOutputPort(name, description, BufferedDataTable.TYPE);
        }
    }
}
