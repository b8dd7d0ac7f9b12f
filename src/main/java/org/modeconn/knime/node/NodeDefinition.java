package org.modeconn.knime.node;

import java.util.List;
import java.util.function.Supplier;

import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.NodeModel;
import org.knime.node.impl.description.PortDescription;
import org.knime.node.parameters.NodeParameters;

/**
 * What defines a node: its texts (name, icon, what it does, its ports), its parameters class, whose
 * {@code @Widget} descriptions document its options, and how its model is made.
 *
 * @param <M> the node model
 * @param name the node's name in the repository
 * @param icon the 16×16 icon beside the factory class
 * @param shortDescription one sentence
 * @param fullDescription the introduction, as an XHTML fragment
 * @param inPorts the input ports
 * @param outPorts the output ports
 * @param type the node type (its colour)
 * @param keywords search keywords
 * @param parameters the node's settings class
 * @param model creates the node model
 */
public record NodeDefinition<M extends NodeModel>(String name, String icon, String shortDescription,
        String fullDescription, List<PortDescription> inPorts, List<PortDescription> outPorts, NodeType type,
        List<String> keywords, Class<? extends NodeParameters> parameters, Supplier<M> model) {
}
