package org.modeconn.knime.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin claims the KNIME releases it really runs in: MANIFEST.MF's Require-Bundle accepts exactly the releases
 * that have every KNIME API member the nodes use (by the real bundle versions of every release, knime-bundles.tsv), up to the
 * next major version of each bundle, and the update site's features and the README say the same.
 */
class KnimeRequirementsTest {

    /** The header as it stood before it was checked against the real versions: no KNIME 5.x satisfies it. */
    static final String RANGE_BEFORE_THE_FIX = "org.knime.core;bundle-version=\"[5.3.0,6.0.0)\",org.knime.core.ui;"
        + "bundle-version=\"[5.3.0,6.0.0)\",org.knime.core.util;bundle-version=\"[5.3.0,6.0.0)\"";

    private static Map<String, VersionRange> required() throws Exception {
        return KnimeRequirements.of(BundleLayout.manifest().getMainAttributes().getValue("Require-Bundle"));
    }

    @Test
    void theManifestAcceptsExactlyTheReleasesThatHaveTheApiTheNodesUse() throws Exception {
        List<KnimeRelease> releases = KnimeRelease.all();
        assertThat(releases).extracting(KnimeRelease::name).contains("5.5.0", "5.6.0",
            KnimeRelease.FIRST_WITH_THE_API_THE_NODES_USE, "5.12.0");
        Map<String, VersionRange> required = required();
        for (KnimeRelease r : releases) {
            if (r.hasTheApiTheNodesUse()) {
                assertThat(KnimeRequirements.unmet(required, r)).as(r + " must accept the plugin").isEmpty();
            } else {
                assertThat(KnimeRequirements.unmet(required, r)).as(r + " lacks API the nodes use").isPresent();
            }
        }
        // org.knime.core.util is not used by the nodes (and org.knime.core re-exports it).
        assertThat(required).containsOnlyKeys("org.knime.core", "org.knime.core.ui");
    }

    @Test
    void theRangeBeforeTheFixIsRefusedByEveryRelease() throws Exception {
        // Shows the check above can fail: org.knime.core.util is 6.x in every KNIME 5.x.
        for (KnimeRelease r : KnimeRelease.all()) {
            assertThat(KnimeRequirements.unmet(KnimeRequirements.of(RANGE_BEFORE_THE_FIX), r)).as(r.toString())
                .hasValueSatisfying(u -> assertThat(u).startsWith("org.knime.core.util [5.3.0,6.0.0)"));
        }
    }

    @Test
    void everyRangeEndsBeforeTheBundlesNextMajorVersion() throws Exception {
        for (Map.Entry<String, VersionRange> r : required().entrySet()) {
            VersionRange range = r.getValue();
            assertThat(range.getLeftType()).as(r.getKey()).isEqualTo(VersionRange.LEFT_CLOSED);
            assertThat(range.getRightType()).as(r.getKey()).isEqualTo(VersionRange.RIGHT_OPEN);
            assertThat(range.getRight()).as(r.getKey()).isEqualTo(new Version(range.getLeft().getMajor() + 1, 0, 0));
            // The lower bound is the bundle's version in the first release with the API the nodes use.
            assertThat(range.getLeft()).as(r.getKey()).isEqualTo(withoutQualifier(
                KnimeRelease.of(KnimeRelease.FIRST_WITH_THE_API_THE_NODES_USE).bundles().get(r.getKey())));
        }
    }

    @Test
    void theUpdateSitesFeaturesAskP2ForTheSameBundles() throws Exception {
        Map<String, VersionRange> required = required();
        for (String feature : List.of("update-site/features/org.modeconn.knime.feature/feature.xml",
            "release/feature/feature.xml")) {
            Map<String, String> imports = new LinkedHashMap<>();
            NodeList list = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(BundleLayout.ROOT.resolve(feature).toFile()).getElementsByTagName("import");
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element)list.item(i);
                if (e.getAttribute("plugin").startsWith("org.knime.")) {
                    // p2's "compatible": at least this version, below the next major one, as the MANIFEST.
                    assertThat(e.getAttribute("match")).as(feature).isEqualTo("compatible");
                    imports.put(e.getAttribute("plugin"), e.getAttribute("version"));
                }
            }
            assertThat(imports).as(feature).containsOnlyKeys(required.keySet());
            required.forEach((bundle, range) -> assertThat(Version.parseVersion(imports.get(bundle)))
                .as(feature + ": " + bundle).isEqualTo(range.getLeft()));
        }
    }

    @Test
    void theReadmeNamesTheOldestReleaseTheManifestAccepts() throws Exception {
        Map<String, VersionRange> required = required();
        KnimeRelease oldest = KnimeRelease.all().stream()
            .filter(r -> KnimeRequirements.unmet(required, r).isEmpty()).findFirst().orElseThrow();
        Version v = Version.parseVersion(oldest.name());
        assertThat(Files.readString(Path.of(BundleLayout.ROOT.toString(), "README.md")))
            .contains("Requires KNIME Analytics Platform " + v.getMajor() + "." + v.getMinor() + " or newer");
    }

    private static Version withoutQualifier(final Version v) {
        return new Version(v.getMajor(), v.getMinor(), v.getMicro());
    }
}
