package org.knime.core.node;

/**
 * KNIME API subset: creates a node's model, dialog, views and description. As in KNIME 5.12, the Swing dialog and
 * view members are deprecated for removal: nodes extend {@link org.knime.node.DefaultNodeFactory} instead.
 */
public abstract class NodeFactory<T extends NodeModel> {
    public enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Widget, Meta, LoopStart, LoopEnd, ScopeStart,
        ScopeEnd, Configuration, Other, Missing, Unknown, Subnode, VirtualIn, VirtualOut
    }

    protected NodeFactory() {
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    @Deprecated(since = "5.6", forRemoval = true)
    public abstract NodeView<T> createNodeView(final int viewIndex, final T nodeModel);

    @Deprecated(since = "5.6", forRemoval = true)
    protected abstract boolean hasDialog();

    @Deprecated(since = "5.6", forRemoval = true)
    protected abstract NodeDialogPane createNodeDialogPane();

    /**
     * As KNIME: the description {@code <SimpleName>.xml} beside the factory class. KNIME validates it against the
     * schema its namespace names; the subset requires a {@code knimeNode} root in a {@code http://knime.org/node/}
     * namespace, its {@code name} and every port's {@code index} and {@code name}, and fails where KNIME would show
     * a node without description.
     */
    protected NodeDescription createNodeDescription() throws Exception {
        String file = getClass().getSimpleName() + ".xml";
        java.io.InputStream in = getClass().getResourceAsStream(file);
        if (in == null) {
            throw new java.io.FileNotFoundException("no node description " + file + " beside " + getClass().getName());
        }
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Element root;
        try (in) {
            root = f.newDocumentBuilder().parse(in).getDocumentElement();
        }
        if (!"knimeNode".equals(root.getLocalName()) || root.getNamespaceURI() == null
            || !root.getNamespaceURI().startsWith("http://knime.org/node/")) {
            throw new IllegalStateException(file + " is not a KNIME node description (root " + root.getTagName() + ")");
        }
        String name = text(root, "name");
        java.util.Map<Integer, String> in0 = ports(root, "inPort");
        java.util.Map<Integer, String> out0 = ports(root, "outPort");
        String icon = root.getAttribute("icon");
        return NodeDescription.subsetOf(name, icon, in0::get, out0::get, name);
    }

    private static String text(final org.w3c.dom.Element root, final String tag) {
        org.w3c.dom.NodeList l = root.getElementsByTagNameNS("*", tag);
        if (l.getLength() != 1 || l.item(0).getTextContent().isBlank()) {
            throw new IllegalStateException("a node description needs one non-empty <" + tag + ">");
        }
        return l.item(0).getTextContent().trim();
    }

    private static java.util.Map<Integer, String> ports(final org.w3c.dom.Element root, final String tag) {
        java.util.Map<Integer, String> out = new java.util.HashMap<>();
        org.w3c.dom.NodeList l = root.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < l.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element)l.item(i);
            if (e.getAttribute("name").isBlank() || out.put(Integer.parseInt(e.getAttribute("index")),
                e.getAttribute("name")) != null) {
                throw new IllegalStateException("<" + tag + "> needs a unique index and a name");
            }
        }
        return out;
    }
}
