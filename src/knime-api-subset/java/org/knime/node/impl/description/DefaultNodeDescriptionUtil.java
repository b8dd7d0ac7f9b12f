package org.knime.node.impl.description;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.util.Version;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/**
 * KNIME API subset: builds a node description from texts, ports and the {@link Widget}s of a parameters
 * class. Like KNIME, it parses every text as an XML fragment, so malformed markup fails here too.
 */
public final class DefaultNodeDescriptionUtil {
    private DefaultNodeDescriptionUtil() {
    }

    public static NodeDescription createNodeDescription(final String name, final String icon, // NOSONAR
        final Collection<PortDescription> inPortDescriptions, final Collection<PortDescription> outPortDescriptions,
        final String shortDescription, final String fullDescription,
        final Collection<ExternalResource> externalResources, final Class<? extends NodeParameters> modelSettingsClass,
        final Class<? extends NodeParameters> viewSettingsClass, final String viewDescription, final NodeType type,
        final Collection<String> keywords, final Version sinceVersion) {
        return createNodeDescription(name, icon, inPortDescriptions, outPortDescriptions, shortDescription,
            fullDescription, externalResources, modelSettingsClass,
            viewDescription != null ? List.of(new ViewDescription(name, viewDescription, viewSettingsClass)) : null,
            type, keywords, sinceVersion);
    }

    public static NodeDescription createNodeDescription(final String name, final String icon,
        final Collection<PortDescription> inPortDescriptions, final Collection<PortDescription> outPortDescriptions,
        final String shortDescription, final String fullDescription,
        final Collection<ExternalResource> externalResources, final Class<? extends NodeParameters> modelSettingsClass,
        final Collection<ViewDescription> viewDescriptions, final NodeType type, final Collection<String> keywords,
        final Version sinceVersion) {
        externalResources.isEmpty();
        keywords.isEmpty();
        List<String> texts = new ArrayList<>(List.of(shortDescription, fullDescription));
        List<String> options = new ArrayList<>();
        // As KNIME: a node without settings passes null and gets no options tab.
        for (var f : modelSettingsClass == null ? new java.lang.reflect.Field[0] : modelSettingsClass.getDeclaredFields()) {
            Widget w = f.getAnnotation(Widget.class);
            if (w != null) {
                texts.add(w.description());
                options.add(w.title());
            }
        }
        if (viewDescriptions != null) {
            viewDescriptions.forEach(v -> texts.add(v.description()));
        }
        inPortDescriptions.forEach(p -> texts.add(p.description()));
        outPortDescriptions.forEach(p -> texts.add(p.description()));
        for (String t : texts) {
            parseFragment(t);
        }
        List<String> in = inPortDescriptions.stream().map(PortDescription::name).toList();
        List<String> out = outPortDescriptions.stream().map(PortDescription::name).toList();
        return NodeDescription.subsetOf(name, icon, in::get, out::get, name + " options " + options);
    }

    private static void parseFragment(final String text) {
        try {
            var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.newDocumentBuilder().parse(new org.xml.sax.InputSource(
                new java.io.StringReader("<fragment>" + text + "</fragment>")));
        } catch (Exception e) {
            throw new IllegalStateException("Description is not well-formed XML: " + text, e);
        }
    }
}
