package org.modeconn.knime.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The p2 update site the package phase writes to target/update-site, as the site tests read it. */
final class UpdateSite {

    static final Path DIR = BundleLayout.ROOT.resolve("target/update-site");

    static final Path ZIP = BundleLayout.ROOT.resolve("target/update-site.zip");

    /**
     * One platform the CPU feature serves: its fragment, OSGi os/arch, ND4J classifier, JNA's folder name, and
     * the libraries its fragment must hold.
     */
    record Platform(String os, String arch, String classifier, String jna, List<String> libraries) {
        String fragment() {
            return "org.modeconn.knime.bin." + os + "." + arch;
        }
    }

    /** Every platform, with the JNI libraries its fragment must hold (oneDNN is not built for macOS arm64). */
    static final List<Platform> PLATFORMS = List.of(
        new Platform("linux", "x86_64", "linux-x86_64", "linux-x86-64", List.of("libjnind4jcpu.so", "libnd4jcpu.so",
            "libjniopenblas.so", "libjnijavacpp.so", "libjnidnnl.so", "libjnidispatch.so")),
        new Platform("win32", "x86_64", "windows-x86_64", "win32-x86-64", List.of("jnind4jcpu.dll", "libnd4jcpu.dll",
            "jniopenblas.dll", "jnijavacpp.dll", "jnidnnl.dll", "jnidispatch.dll")),
        new Platform("macosx", "x86_64", "macosx-x86_64", "darwin", List.of("libjnind4jcpu.dylib",
            "libnd4jcpu.dylib", "libjniopenblas.dylib", "libjnijavacpp.dylib", "libjnidnnl.dylib",
            "libjnidispatch.jnilib")),
        new Platform("macosx", "aarch64", "macosx-arm64", "darwin-aarch64",
            List.of("libjnind4jcpu.dylib", "libnd4jcpu.dylib", "libjniopenblas.dylib", "libjnijavacpp.dylib")));

    /** The platforms the GPU feature serves: its fragment ids and ND4J's classifiers (cuDNN builds). */
    static final Map<String, String> CUDA_PLATFORMS = Map.of(
        "org.modeconn.knime.cuda.linux.x86_64", "linux-x86_64",
        "org.modeconn.knime.cuda.win32.x86_64", "windows-x86_64");

    private UpdateSite() {
    }

    static Document xml(final String name) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(DIR.resolve(name).toFile());
    }

    /** The installable units of content.xml by id. */
    static Map<String, Element> units() throws Exception {
        Map<String, Element> units = new LinkedHashMap<>();
        NodeList list = xml("content.xml").getElementsByTagName("unit");
        for (int i = 0; i < list.getLength(); i++) {
            Element u = (Element)list.item(i);
            units.put(u.getAttribute("id"), u);
        }
        return units;
    }

    /** A unit's properties. */
    static Map<String, String> properties(final Element unit) {
        Map<String, String> props = new LinkedHashMap<>();
        NodeList list = unit.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element p = (Element)list.item(i);
            props.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        return props;
    }

    /** A unit's required names (namespace:name) with their filters ("" for none). */
    static Map<String, String> requirements(final Element unit) {
        Map<String, String> req = new LinkedHashMap<>();
        NodeList list = unit.getElementsByTagName("required");
        for (int i = 0; i < list.getLength(); i++) {
            Element r = (Element)list.item(i);
            NodeList filter = r.getElementsByTagName("filter");
            req.put(r.getAttribute("namespace") + ":" + r.getAttribute("name"),
                filter.getLength() == 0 ? "" : filter.item(0).getTextContent().trim());
        }
        return req;
    }

    /** The unit's own filter, without blanks, or "". */
    static String filter(final Element unit) {
        for (org.w3c.dom.Node n = unit.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("filter")) {
                return e.getTextContent().replaceAll("\\s", "");
            }
        }
        return "";
    }

    /** The jar of a bundle or fragment in plugins/. */
    static Path plugin(final String id) throws IOException {
        try (Stream<Path> files = Files.list(DIR.resolve("plugins"))) {
            List<Path> found = new ArrayList<>(files.filter(p -> p.getFileName().toString().startsWith(id + "_"))
                .toList());
            if (found.size() != 1) {
                throw new IllegalStateException(found.size() + " jars of " + id + " in " + DIR.resolve("plugins"));
            }
            return found.get(0);
        }
    }
}
