package org.modeconn.knime.node;

import java.util.List;

import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.impl.description.PortDescription;

/**
 * The texts of a node's description: name, icon, what it does, its ports. The options are documented by
 * the {@code @Widget} descriptions of the node's parameters class.
 *
 * @param name the node's name in the repository
 * @param icon the 16×16 icon beside the factory class
 * @param shortDescription one sentence
 * @param fullDescription the introduction, as an XHTML fragment
 * @param inPorts the input ports
 * @param outPorts the output ports
 * @param type the node type (its colour)
 * @param keywords search keywords
 */
public record NodeText(String name, String icon, String shortDescription, String fullDescription,
        List<PortDescription> inPorts, List<PortDescription> outPorts, NodeType type, List<String> keywords) {
}
