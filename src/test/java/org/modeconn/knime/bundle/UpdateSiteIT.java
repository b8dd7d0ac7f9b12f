package org.modeconn.knime.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The update site the package phase built: its metadata lists every feature, bundle and fragment with their
 * platform filters and requirements, each fragment holds exactly its platform's native libraries, the host none,
 * and the zip holds the same site.
 */
class UpdateSiteIT {

    private static boolean isNative(final String entry) {
        String name = entry.substring(entry.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.endsWith(".dll") || name.endsWith(".dylib") || name.endsWith(".jnilib") || name.endsWith(".so")
            || name.contains(".so.");
    }

    @Test
    void theSiteAsksP2ForTheKnimeReleasesTheManifestAccepts() throws Exception {
        // What p2 checks before it installs: the host's and the feature's requirements on KNIME's bundles, each the
        // range MANIFEST.MF requires (which KnimeRequirementsTest holds to the real releases).
        Map<String, org.osgi.framework.VersionRange> required = KnimeRequirements.of(BundleLayout.manifest()
            .getMainAttributes().getValue("Require-Bundle"));
        Map<String, Element> units = UpdateSite.units();
        for (String unit : List.of("org.modeconn.knime", "org.modeconn.knime.feature.feature.group")) {
            Map<String, String> ranges = new java.util.TreeMap<>();
            NodeList list = units.get(unit).getElementsByTagName("required");
            for (int i = 0; i < list.getLength(); i++) {
                Element r = (Element)list.item(i);
                if (r.getAttribute("name").startsWith("org.knime.")) {
                    ranges.put(r.getAttribute("name"), r.getAttribute("range"));
                }
            }
            Map<String, String> expected = new java.util.TreeMap<>();
            required.forEach((bundle, range) -> expected.put(bundle, range.toString()));
            assertThat(ranges).as(unit).isEqualTo(expected);
        }
    }

    @Test
    void metadataListsTheHostEveryPlatformFragmentTheFeatureAndTheCategory() throws Exception {
        Map<String, Element> units = UpdateSite.units();
        Element host = units.get("org.modeconn.knime");
        assertThat(host).as("host bundle unit").isNotNull();
        assertThat(UpdateSite.filter(host)).as("the host runs everywhere").isEmpty();
        assertThat(UpdateSite.requirements(host)).containsKeys("osgi.bundle:org.knime.core", "osgi.bundle:org.knime.core.ui");
        for (UpdateSite.Platform p : UpdateSite.PLATFORMS) {
            Element f = units.get(p.fragment());
            assertThat(f).as(p.fragment()).isNotNull();
            assertThat(UpdateSite.filter(f)).isIn("(&(osgi.os=" + p.os() + ")(osgi.arch=" + p.arch() + "))",
                "(&(osgi.arch=" + p.arch() + ")(osgi.os=" + p.os() + "))");
            assertThat(UpdateSite.requirements(f)).containsKey("osgi.bundle:org.modeconn.knime");
            assertThat(f.getElementsByTagName("provided").getLength()).isGreaterThan(0);
        }
        Element group = units.get("org.modeconn.knime.feature.feature.group");
        assertThat(group).isNotNull();
        assertThat(UpdateSite.properties(group)).containsEntry("org.eclipse.equinox.p2.type.group", "true")
            .containsEntry("org.eclipse.equinox.p2.name", "Mode Connectivity nodes for KNIME");
        Map<String, String> included = UpdateSite.requirements(group);
        assertThat(included).containsEntry("org.eclipse.equinox.p2.iu:org.modeconn.knime", "");
        for (UpdateSite.Platform p : UpdateSite.PLATFORMS) {
            assertThat(included.get("org.eclipse.equinox.p2.iu:" + p.fragment()).replaceAll("\\s", ""))
                .as("only installed on " + p.os() + "/" + p.arch()).contains("osgi.os=" + p.os())
                .contains("osgi.arch=" + p.arch());
        }
        Element gpu = units.get("org.modeconn.knime.cuda.feature.feature.group");
        assertThat(gpu).as("the GPU feature").isNotNull();
        Map<String, String> gpuParts = UpdateSite.requirements(gpu);
        assertThat(gpuParts).as("the GPU feature needs the CPU feature")
            .containsKey("org.eclipse.equinox.p2.iu:org.modeconn.knime.feature.feature.group");
        for (String f : UpdateSite.CUDA_PLATFORMS.keySet()) {
            assertThat(units.get(f)).as(f).isNotNull();
            assertThat(UpdateSite.requirements(units.get(f))).containsKey("osgi.bundle:org.modeconn.knime");
            assertThat(gpuParts.get("org.eclipse.equinox.p2.iu:" + f).replaceAll("\\s", "")).contains("osgi.os=")
                .contains("osgi.arch=x86_64");
        }
        Element category = units.get("org.modeconn.knime.category");
        assertThat(UpdateSite.properties(category)).containsEntry("org.eclipse.equinox.p2.type.category", "true")
            .containsEntry("org.eclipse.equinox.p2.name", "Mode Connectivity");
        assertThat(UpdateSite.requirements(category)).containsKeys(
            "org.eclipse.equinox.p2.iu:org.modeconn.knime.feature.feature.group",
            "org.eclipse.equinox.p2.iu:org.modeconn.knime.cuda.feature.feature.group");
        assertThat(UpdateSite.xml("content.xml").getDocumentElement().getAttribute("name"))
            .isEqualTo("Mode Connectivity for KNIME");
        Element unitsElement = (Element)UpdateSite.xml("content.xml").getElementsByTagName("units").item(0);
        assertThat(Integer.parseInt(unitsElement.getAttribute("size"))).isEqualTo(units.size());
    }

    @Test
    void everyArtifactIsInTheSiteAndInItsZip() throws Exception {
        NodeList artifacts = UpdateSite.xml("artifacts.xml").getElementsByTagName("artifact");
        Set<String> ids = new HashSet<>();
        try (ZipFile zip = new ZipFile(UpdateSite.ZIP.toFile())) {
            assertThat(zip.getEntry("content.xml")).isNotNull();
            assertThat(zip.getEntry("artifacts.xml")).isNotNull();
            for (int i = 0; i < artifacts.getLength(); i++) {
                Element a = (Element)artifacts.item(i);
                String folder = a.getAttribute("classifier").equals("osgi.bundle") ? "plugins" : "features";
                String file = folder + "/" + a.getAttribute("id") + "_" + a.getAttribute("version") + ".jar";
                assertThat(UpdateSite.DIR.resolve(file)).as(file).exists();
                ZipEntry e = zip.getEntry(file);
                assertThat(e).as(file + " in the zip").isNotNull();
                assertThat(e.getSize()).isEqualTo(Files.size(UpdateSite.DIR.resolve(file)));
                ids.add(a.getAttribute("id"));
            }
        }
        assertThat(ids).contains("org.modeconn.knime", "org.modeconn.knime.feature", "org.modeconn.knime.cuda.feature");
        assertThat(ids).containsAll(UpdateSite.CUDA_PLATFORMS.keySet());
        UpdateSite.PLATFORMS.forEach(p -> assertThat(ids).contains(p.fragment()));
    }

    @Test
    void eachFragmentHoldsExactlyItsPlatformsNativeLibraries() throws Exception {
        for (UpdateSite.Platform p : UpdateSite.PLATFORMS) {
            Path jar = UpdateSite.plugin(p.fragment());
            try (JarFile j = new JarFile(jar.toFile())) {
                Attributes m = j.getManifest().getMainAttributes();
                assertThat(m.getValue("Fragment-Host")).startsWith("org.modeconn.knime;bundle-version=");
                assertThat(m.getValue("Eclipse-PlatformFilter"))
                    .isEqualTo("(&(osgi.os=" + p.os() + ")(osgi.arch=" + p.arch() + "))");
                assertThat(m.getValue("Bundle-SymbolicName")).isEqualTo(p.fragment());
                List<String> names = new ArrayList<>();
                for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
                        continue;
                    }
                    assertThat(isNative(entry.getName())).as(jar.getFileName() + ": " + entry.getName()).isTrue();
                    assertThat(entry.getName().contains("/" + p.classifier() + "/")
                        || entry.getName().startsWith("com/sun/jna/" + p.jna() + "/"))
                        .as("%s in its platform's folder", entry.getName()).isTrue();
                    for (UpdateSite.Platform other : UpdateSite.PLATFORMS) {
                        if (other != p) {
                            assertThat(entry.getName()).doesNotContain("/" + other.classifier() + "/")
                                .doesNotStartWith("com/sun/jna/" + other.jna() + "/");
                        }
                    }
                    names.add(entry.getName().substring(entry.getName().lastIndexOf('/') + 1));
                }
                assertThat(names).as(p.fragment()).containsAll(p.libraries());
            }
        }
    }

    @Test
    void eachGpuFragmentHoldsTheCudaBackendJarsAndItsPlatformsNativesOnly() throws Exception {
        for (Map.Entry<String, String> f : UpdateSite.CUDA_PLATFORMS.entrySet()) {
            Path jar = UpdateSite.plugin(f.getKey());
            try (JarFile j = new JarFile(jar.toFile())) {
                Attributes m = j.getManifest().getMainAttributes();
                assertThat(m.getValue("Fragment-Host")).startsWith("org.modeconn.knime;bundle-version=");
                assertThat(m.getValue("Eclipse-PlatformFilter")).contains("osgi.arch=x86_64");
                List<String> classPath = List.of(m.getValue("Bundle-ClassPath").split(","));
                assertThat(classPath).contains(".").anyMatch(e -> e.startsWith("lib/nd4j-cuda-11.6-"))
                    .anyMatch(e -> e.startsWith("lib/cuda-"));
                Set<String> names = new HashSet<>();
                for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    String n = entry.getName();
                    if (entry.isDirectory() || n.startsWith("META-INF/")) {
                        continue;
                    }
                    if (n.startsWith("lib/")) {
                        assertThat(classPath).as(n + " is on the class path").contains(n);
                        continue;
                    }
                    assertThat(isNative(n)).as(jar.getFileName() + ": " + n).isTrue();
                    assertThat(n).as("its platform's folder").contains("/" + f.getValue());
                    names.add(n.substring(n.lastIndexOf('/') + 1));
                }
                boolean linux = f.getValue().startsWith("linux");
                assertThat(names).contains(linux ? "libnd4jcuda.so" : "nd4jcuda.dll",
                    linux ? "libjnind4jcuda.so" : "jnind4jcuda.dll", linux ? "libjninvml.so" : "jninvml.dll");
            }
        }
    }

    @Test
    void theHostBundleHoldsNoNativeLibraryAtAll() throws Exception {
        Path host = UpdateSite.plugin("org.modeconn.knime");
        long nested = 0;
        try (JarFile j = new JarFile(host.toFile())) {
            assertThat(j.getManifest().getMainAttributes().getValue("Fragment-Host")).isNull();
            assertThat(j.getManifest().getMainAttributes().getValue("Eclipse-PlatformFilter")).isNull();
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                assertThat(isNative(entry.getName())).as(entry.getName()).isFalse();
                if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
                    nested++;
                    try (JarInputStream in = new JarInputStream(j.getInputStream(entry))) {
                        for (ZipEntry inner = in.getNextEntry(); inner != null; inner = in.getNextEntry()) {
                            assertThat(isNative(inner.getName())).as(entry.getName() + "!/" + inner.getName()).isFalse();
                        }
                    }
                }
            }
        }
        assertThat(nested).isGreaterThan(20);
        System.out.println(sizes());
    }

    /** The site's download per feature and platform, for the release notes. */
    private static String sizes() throws Exception {
        StringBuilder s = new StringBuilder("update site sizes (MB): host ");
        s.append(String.format(Locale.ROOT, "%.1f", Files.size(UpdateSite.plugin("org.modeconn.knime")) / 1e6));
        for (UpdateSite.Platform p : UpdateSite.PLATFORMS) {
            s.append(String.format(Locale.ROOT, ", %s %.1f", p.classifier(),
                Files.size(UpdateSite.plugin(p.fragment())) / 1e6));
        }
        for (Map.Entry<String, String> f : UpdateSite.CUDA_PLATFORMS.entrySet()) {
            s.append(String.format(Locale.ROOT, ", GPU %s %.1f", f.getValue(),
                Files.size(UpdateSite.plugin(f.getKey())) / 1e6));
        }
        try (Stream<Path> all = Files.walk(UpdateSite.DIR)) {
            s.append(String.format(Locale.ROOT, "; whole site %.1f", all.filter(Files::isRegularFile)
                .mapToLong(f -> f.toFile().length()).sum() / 1e6));
        }
        return s.toString();
    }
}
