package org.knime.core.node.context.ports;

import org.knime.core.node.port.PortType;

/** KNIME API subset: the ports a node with port groups has. */
public interface PortsConfiguration {
    PortType[] getInputPorts();

    PortType[] getOutputPorts();
}
