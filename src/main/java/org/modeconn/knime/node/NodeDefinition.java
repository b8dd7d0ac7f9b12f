package org.modeconn.knime.node;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.DefaultNode;
import org.knime.node.parameters.NodeParameters;
import org.modeconn.knime.views.ViewPage;

/**
 * What defines a node: its texts (name, icon, what it does, its ports), its parameters class, whose
 * {@code @Widget} descriptions document its options, how its model is made, and its view, if any. It is
 * turned into KNIME's {@link DefaultNode} once, by {@link #toNode()}.
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
 * @param model creates the node model (a new one for every configure and execute)
 * @param view the node's view, or null
 */
public record NodeDefinition<M extends ModeConnNodeModel<?>>(String name, String icon, String shortDescription,
        String fullDescription, List<NodePort> inPorts, List<NodePort> outPorts, NodeType type,
        List<String> keywords, Class<? extends NodeParameters> parameters, Supplier<M> model, NodeViewDefinition view) {

    /** The version of this extension in which the nodes first appeared: 0.1.0. */
    private static final int SINCE_MAJOR = 0;

    private static final int SINCE_MINOR = 1;

    private static final int SINCE_REVISION = 0;

    /**
     * A node's view: the page that shows it and what the node description says of it.
     *
     * @param page the page kind
     * @param description the view's description, as an XHTML fragment
     */
    public record NodeViewDefinition(ViewPage page, String description) {
    }

    /** Checks that port names are unique, as KNIME's port groups need. */
    public NodeDefinition {
        Set<String> names = new HashSet<>();
        Stream.concat(inPorts.stream(), outPorts.stream()).filter(p -> !names.add(p.name())).findFirst()
            .ifPresent(p -> {
                throw new IllegalArgumentException("Two ports are named '" + p.name() + "'");
            });
    }

    /** A node without a view. */
    public NodeDefinition(final String name, final String icon, final String shortDescription,
        final String fullDescription, final List<NodePort> inPorts, final List<NodePort> outPorts, final NodeType type,
        final List<String> keywords, final Class<? extends NodeParameters> parameters, final Supplier<M> model) {
        this(name, icon, shortDescription, fullDescription, inPorts, outPorts, type, keywords, parameters, model,
            null);
    }

    /** The same node with a view shown by {@code page}. */
    public NodeDefinition<M> withView(final ViewPage page, final String description) {
        return new NodeDefinition<>(name, icon, shortDescription, fullDescription, inPorts, outPorts, type, keywords,
            parameters, model, new NodeViewDefinition(page, description));
    }

    /**
     * KNIME's definition of this node: texts, ports, model functions that run a new {@link #model()} each, and
     * the view.
     */
    public DefaultNode toNode() {
        DefaultNode node = DefaultNode.create().name(name).icon(icon).shortDescription(shortDescription)
            .fullDescription(fullDescription).sinceVersion(SINCE_MAJOR, SINCE_MINOR, SINCE_REVISION).ports(p -> {
                inPorts.forEach(port -> p.addInputPort(port.name(), port.describedAsShown(), port.type()));
                outPorts.forEach(port -> p.addOutputPort(port.name(), port.describedAsShown(), port.type()));
            }).model(m -> m.parametersClass(parameters).configure((in, out) -> model.get().configure(in, out))
                .execute((in, out) -> model.get().execute(in, out)))
            .nodeType(type).keywords(keywords.toArray(String[]::new));
        return view == null ? node : node.addView(v -> view.page().view(v, view.description()));
    }
}
