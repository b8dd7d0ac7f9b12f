package org.modeconn.knime.bundle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Version;

/**
 * One KNIME Analytics Platform release as the OSGi resolver sees it: its bundles' symbolic names and versions, read
 * from {@code knime-bundles.tsv} (KNIME's MANIFEST.MF files at each release tag, provenance in the file).
 *
 * @param name the release, e.g. {@code 5.12.0}
 * @param bundles bundle symbolic name to its version in that release
 */
record KnimeRelease(String name, Map<String, Version> bundles) {

    /**
     * The first release with every KNIME API member the nodes use, read from knime-core-ui's release tags: the node
     * API ({@code org.knime.node.DefaultNodeFactory}, {@code org.knime.node.parameters.NodeParameters}, …) appears in
     * 5.6.0 (5.5.0 has none of it), but the builder step {@code DefaultNode.RequireSinceVersion.sinceVersion}, which
     * the nodes' descriptions go through, only in 5.7.0 (in 5.6 {@code fullDescription} returns {@code RequirePorts}).
     */
    static final String FIRST_WITH_THE_API_THE_NODES_USE = "5.7.0";

    /** Every release in the file, oldest first. */
    static List<KnimeRelease> all() {
        Map<String, Map<String, Version>> byRelease = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            KnimeRelease.class.getResourceAsStream("knime-bundles.tsv"), StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split("\t");
                byRelease.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], Version.parseVersion(f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KnimeRelease> out = new ArrayList<>();
        byRelease.forEach((name, bundles) -> out.add(new KnimeRelease(name, Map.copyOf(bundles))));
        out.sort(Comparator.comparing(r -> Version.parseVersion(r.name())));
        return out;
    }

    /** The release called {@code name}. */
    static KnimeRelease of(final String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no release " + name + " in knime-bundles.tsv"));
    }

    /** The newest release in the file. */
    static KnimeRelease newest() {
        List<KnimeRelease> all = all();
        return all.get(all.size() - 1);
    }

    /** Whether this release has every KNIME API member the nodes use. */
    boolean hasTheApiTheNodesUse() {
        return Version.parseVersion(name).compareTo(Version.parseVersion(FIRST_WITH_THE_API_THE_NODES_USE)) >= 0;
    }

    @Override
    public String toString() {
        return "KNIME " + name;
    }
}
