package org.modeconn.knime.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeDescription;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * plugin.xml, MANIFEST.MF, build.properties and the packaged bundle agree: every registered class exists
 * and fits its role, every Bundle-ClassPath jar is a runtime dependency and is in the bundle, and the
 * compile-only KNIME API is not.
 */
class BundleManifestTest {

    private static Document pluginXml() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(BundleLayout.ROOT.resolve("plugin.xml").toFile());
    }

    private static List<Element> elements(final Document d, final String tag) {
        NodeList list = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element)list.item(i));
        }
        return out;
    }

    @Test
    void everyNodeFactoryExistsDescribesItselfAndHasItsIcon() throws Exception {
        List<Element> nodes = elements(pluginXml(), "node");
        assertThat(nodes).hasSize(14);
        Element category = elements(pluginXml(), "category").get(0);
        String categoryPath = category.getAttribute("path") + "/" + category.getAttribute("level-id");
        assertThat(BundleLayout.ROOT.resolve(category.getAttribute("icon"))).exists();
        for (Element node : nodes) {
            assertThat(node.getAttribute("category-path")).isEqualTo(categoryPath);
            Class<?> c = Class.forName(node.getAttribute("factory-class"));
            assertThat(NodeFactory.class).isAssignableFrom(c);
            NodeFactory<?> factory = (NodeFactory<?>)c.getDeclaredConstructor().newInstance();
            NodeDescription d = description(factory);
            assertThat(d.getNodeName()).isNotBlank();
            int in;
            int out;
            String icon;
            if (factory instanceof ModeConnNodeFactory f) {
                in = f.definition().inPorts().size();
                out = f.definition().outPorts().size();
                icon = f.definition().icon();
            } else {
                // A plain NodeFactory (the loop end): its model declares the ports, its XML description the icon.
                in = factory.createNodeModel().subsetInPortTypes().length;
                out = factory.createNodeModel().subsetOutPortTypes().length;
                icon = d.getIconPath();
            }
            for (int i = 0; i < in; i++) {
                assertThat(d.getInportName(i)).as(c.getSimpleName() + " in-port " + i).isNotBlank();
            }
            for (int i = 0; i < out; i++) {
                assertThat(d.getOutportName(i)).as(c.getSimpleName() + " out-port " + i).isNotBlank();
            }
            assertThat(c.getResource(icon.replace("./", ""))).as("icon " + icon + " beside " + c.getName()).isNotNull();
        }
    }

    @Test
    void everyPortTypeHasItsClassesAndSerializers() throws Exception {
        List<Element> ports = elements(pluginXml(), "portType");
        assertThat(ports).hasSize(3);
        for (Element p : ports) {
            assertThat(p.getAttribute("color")).matches("#[0-9a-f]{6}");
            Class<?> object = Class.forName(p.getAttribute("objectClass"));
            Class<?> spec = Class.forName(p.getAttribute("specClass"));
            assertThat(PortObject.class).isAssignableFrom(object);
            assertThat(PortObjectSpec.class).isAssignableFrom(spec);
            Class<?> objectSerializer = Class.forName(p.getAttribute("objectSerializer"));
            Class<?> specSerializer = Class.forName(p.getAttribute("specSerializer"));
            assertThat(objectSerializer.getDeclaredConstructor().newInstance()).isNotNull();
            assertThat(specSerializer.getDeclaredConstructor().newInstance()).isNotNull();
            // KNIME reads the serialised class from the serializer's type argument.
            assertThat(((ParameterizedType)objectSerializer.getGenericSuperclass()).getActualTypeArguments()[0])
                .isEqualTo(object);
            assertThat(((ParameterizedType)specSerializer.getGenericSuperclass()).getActualTypeArguments()[0])
                .isEqualTo(spec);
            assertThat(object.getMethod("getSpec").getReturnType()).isEqualTo(spec);
        }
    }

    @Test
    void bundleClassPathIsExactlyTheRuntimeLibraries() throws Exception {
        List<String> cp = BundleLayout.bundleClassPath();
        assertThat(cp.get(0)).isEqualTo(".");
        Set<String> libs = new HashSet<>();
        for (String e : cp.subList(1, cp.size())) {
            assertThat(e).startsWith("lib/").endsWith(".jar");
            libs.add(e.substring(4));
        }
        assertThat(libs).isEqualTo(BundleLayout.runtimeJars().keySet());
        // Platform-neutral: the natives are in the platform fragments of the update site.
        assertThat(libs).anyMatch(j -> j.equals("nd4j-native-1.0.0-M2.1.jar")).noneMatch(j -> j.startsWith("picocli"))
            .noneMatch(j -> j.matches(".*-(linux|windows|macosx)-.*\\.jar"));
        String require = BundleLayout.manifest().getMainAttributes().getValue("Require-Bundle");
        assertThat(require).contains("org.knime.core;").contains("org.knime.core.ui;");
        String build = Files.readString(BundleLayout.ROOT.resolve("build.properties"));
        assertThat(build).contains("plugin.xml").contains("META-INF/").contains("icons/").contains("lib/");
    }

    @Test
    void thePackagedBundleHoldsNodesPortsIconsAndLibrariesButNoKnimeClass() throws Exception {
        Path bundle;
        try (Stream<Path> files = Files.list(BundleLayout.ROOT.resolve("target"))) {
            bundle = files.filter(p -> p.getFileName().toString().matches("org\\.modeconn\\.knime_.*\\.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("the build packages the bundle before the tests"));
        }
        Set<String> entries = new HashSet<>();
        try (JarFile jar = new JarFile(bundle.toFile())) {
            for (JarEntry e : (Iterable<JarEntry>)jar.stream()::iterator) {
                entries.add(e.getName());
            }
            assertThat(jar.getManifest().getMainAttributes().getValue("Bundle-ClassPath"))
                .isEqualTo(BundleLayout.manifest().getMainAttributes().getValue("Bundle-ClassPath"));
        }
        assertThat(entries).noneMatch(e -> e.startsWith("org/knime/"));
        assertThat(entries).noneMatch(e -> e.startsWith("org/modeconn/cli/"));
        // Spark is not in KNIME: neither its runner nor its libraries
        assertThat(entries).noneMatch(e -> e.startsWith("org/modeconn/spark/"))
            .noneMatch(e -> e.matches("lib/(spark|scala|hadoop)-.*"));
        assertThat(entries).contains("plugin.xml", "icons/category.png",
            "org/modeconn/knime/trainendpoint/TrainEndpointNodeFactory.class",
            "org/modeconn/knime/trainendpoint/train-endpoint.png",
            "org/modeconn/knime/ports/NetworkPortObject$Serializer.class",
            "org/modeconn/engine/curve/CurveFitter.class");
        for (String e : BundleLayout.bundleClassPath()) {
            if (!e.equals(".")) {
                assertThat(entries).as("Bundle-ClassPath entry " + e).contains(e);
            }
        }
    }

    @Test
    void theNodeLayerUsesNoMemberThatExistsOnlyInTheCompileOnlySubset() throws Exception {
        Path nodes = BundleLayout.ROOT.resolve("target/classes/org/modeconn/knime");
        try (Stream<Path> files = Files.walk(nodes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(text).as(f + " refers to a subset-only member").doesNotContain("subset");
            }
        }
    }

    /** The description KNIME builds from the factory's node (protected in KNIME, so called reflectively). */
    static NodeDescription description(final NodeFactory<?> factory) throws Exception {
        java.lang.reflect.Method m = (factory instanceof org.knime.node.DefaultNodeFactory
            ? org.knime.node.DefaultNodeFactory.class : NodeFactory.class).getDeclaredMethod("createNodeDescription");
        m.setAccessible(true);
        return (NodeDescription)m.invoke(factory);
    }
}
