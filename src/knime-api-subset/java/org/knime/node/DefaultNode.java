package org.knime.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.knime.core.node.FluentNodeAPI;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.port.PortType;
import org.knime.core.util.Version;
import org.knime.node.DefaultModel.RequireModelParameters;
import org.knime.node.DefaultView.RequireViewParameters;

/**
 * KNIME API subset: the fluent definition of a node (texts, ports, model, optional view) from which a
 * {@link DefaultNodeFactory} makes everything KNIME asks of a factory.
 */
public final class DefaultNode implements FluentNodeAPI {

    public static RequireName create() {
        return name -> icon -> shortDescription -> fullDescription -> (major, minor,
            revision) -> portsFct -> modelFct -> new DefaultNode(name, icon, shortDescription, fullDescription,
                new Version(major, minor, revision), portsFct, modelFct.apply(DefaultModel.create()));
    }

    final String m_name;

    final String m_icon;

    final String m_shortDescription;

    final String m_fullDescription;

    final List<SubsetPort> m_inPorts = new ArrayList<>();

    final List<SubsetPort> m_outPorts = new ArrayList<>();

    final DefaultModel m_model;

    private DefaultView m_view;

    NodeType m_nodeType;

    final List<String> m_keywords = new ArrayList<>();

    final Version m_sinceVersion;

    private DefaultNode(final String name, final String icon, final String shortDescription,
        final String fullDescription, final Version sinceVersion, final Consumer<RequirePorts.PortsAdder> portsFct,
        final DefaultModel model) {
        m_name = name;
        m_icon = icon;
        m_shortDescription = shortDescription;
        m_fullDescription = fullDescription;
        m_sinceVersion = sinceVersion;
        portsFct.accept(new RequirePorts.PortsAdder() {
            @Override
            public RequirePorts.PortsAdder addInputPort(final String n, final String d, final PortType t) {
                m_inPorts.add(new SubsetPort(n, d, t));
                return this;
            }

            @Override
            public RequirePorts.PortsAdder addOutputPort(final String n, final String d, final PortType t) {
                m_outPorts.add(new SubsetPort(n, d, t));
                return this;
            }
        });
        m_model = model;
    }

    Optional<DefaultView> getView() {
        return Optional.ofNullable(m_view);
    }

    public interface RequireName {
        RequireIcon name(final String name);
    }

    public interface RequireIcon { // NOSONAR
        RequireShortDescription icon(final String icon);
    }

    public interface RequireShortDescription { // NOSONAR
        RequireFullDescription shortDescription(final String shortDescription);
    }

    public interface RequireFullDescription { // NOSONAR
        RequireSinceVersion fullDescription(final String fullDescription);
    }

    public interface RequireSinceVersion { // NOSONAR
        RequirePorts sinceVersion(final int major, final int minor, final int revision);
    }

    public interface RequireModel { // NOSONAR
        DefaultNode model(Function<RequireModelParameters, DefaultModel> model);
    }

    public DefaultNode addView(final Function<RequireViewParameters, DefaultView> view) {
        if (m_view != null) {
            throw new UnsupportedOperationException("Multiple views per node are not supported yet.");
        }
        m_view = view.apply(DefaultView.create());
        return this;
    }

    public DefaultNode nodeType(final NodeType nodeType) {
        if (m_nodeType != null) {
            throw new IllegalStateException("nodeType() has already been called; a node can only have one node type.");
        }
        m_nodeType = nodeType;
        return this;
    }

    public DefaultNode keywords(final String... keywords) {
        if (!m_keywords.isEmpty()) {
            throw new IllegalStateException(
                "keywords() has already been called; a node can only have one list of keywords.");
        }
        m_keywords.addAll(Arrays.asList(keywords));
        return this;
    }

    /** Subset only: a port as the node declared it. */
    public record SubsetPort(String name, String description, PortType type) {
    }

    /** Subset only: the declared input ports. */
    public List<SubsetPort> subsetInPorts() {
        return List.copyOf(m_inPorts);
    }

    /** Subset only: the declared output ports. */
    public List<SubsetPort> subsetOutPorts() {
        return List.copyOf(m_outPorts);
    }

    /** Subset only: the model. */
    public DefaultModel subsetModel() {
        return m_model;
    }

    /** Subset only: the view, if any. */
    public Optional<DefaultView> subsetView() {
        return getView();
    }

    /** Subset only: name, icon, node type and keywords, for tests. */
    public String subsetSummary() {
        return m_name + " " + m_icon + " " + m_nodeType + " " + m_keywords + " since " + m_sinceVersion;
    }
}
