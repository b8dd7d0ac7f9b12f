package org.modeconn.knime;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsWO;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeHarness;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads the test workflows' saved node settings (KNIME's XMLConfig) into this extension's node models. */
final class WorkflowFiles {

    static final Path WORKFLOWS = Path.of(System.getProperty("user.dir"), "test-workflows");

    private WorkflowFiles() {
    }

    /** The root config of a node's settings.xml. */
    static Element settingsRoot(final Path settingsFile) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(settingsFile.toFile())
            .getDocumentElement();
    }

    /** The settings.xml of node {@code id} in {@code workflow}. */
    static Path settingsFile(final String workflow, final int id) throws Exception {
        try (var dirs = Files.list(WORKFLOWS.resolve(workflow))) {
            return dirs.filter(d -> d.getFileName().toString().endsWith("(#" + id + ")")).findFirst()
                .orElseThrow(() -> new AssertionError("no node #" + id + " in " + workflow)).resolve("settings.xml");
        }
    }

    /** The model settings of a node's settings.xml, as KNIME hands them to the node model. */
    static NodeSettings modelSettings(final Element root) {
        NodeSettings s = new NodeSettings("model");
        copy(child(root, "model"), s);
        return s;
    }

    /** A new node model of the node's factory with the node's saved settings loaded. */
    static ModeConnNodeModel<?> load(final String workflow, final int id) throws Exception {
        Element root = settingsRoot(settingsFile(workflow, id));
        ModeConnNodeFactory factory = (ModeConnNodeFactory)Class.forName(entry(root, "factory"))
            .getDeclaredConstructor().newInstance();
        ModeConnNodeModel<?> model = NodeHarness.model(factory);
        NodeHarness.load(model, modelSettings(root));
        return model;
    }

    static String entry(final Element config, final String key) {
        for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("entry") && e.getAttribute("key").equals(key)) {
                return e.getAttribute("value");
            }
        }
        return null;
    }

    static Element child(final Element config, final String key) {
        for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("config") && e.getAttribute("key").equals(key)) {
                return e;
            }
        }
        throw new AssertionError("no config " + key);
    }

    /** KNIME's XML config into settings; a config with array-size is a string array. */
    static void copy(final Element config, final NodeSettingsWO s) {
        for (Node n = config.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            String key = e.getAttribute("key");
            if (e.getTagName().equals("config")) {
                String size = entry(e, "array-size");
                if (size != null) {
                    String[] values = new String[Integer.parseInt(size)];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = entry(e, Integer.toString(i));
                    }
                    s.addStringArray(key, values);
                } else {
                    copy(e, s.addNodeSettings(key));
                }
                continue;
            }
            String v = e.getAttribute("value");
            switch (e.getAttribute("type")) {
                case "xint" -> s.addInt(key, Integer.parseInt(v));
                case "xlong" -> s.addLong(key, Long.parseLong(v));
                case "xdouble" -> s.addDouble(key, Double.parseDouble(v));
                case "xboolean" -> s.addBoolean(key, Boolean.parseBoolean(v));
                default -> s.addString(key, "true".equals(e.getAttribute("isnull")) ? null : v);
            }
        }
    }
}
