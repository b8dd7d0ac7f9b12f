package org.modeconn.knime.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A real Equinox framework with strict boot delegation into which bundles of the update site are installed as
 * KNIME would install them. KNIME's own bundles are stood in for by empty bundles with the real symbolic names and
 * versions of one KNIME release (knime-bundles.tsv), so that the resolver judges the plugin's requirements as in that
 * release; the engine never loads them.
 */
final class SiteFramework implements AutoCloseable {

    private final Framework framework;

    private final Path dir;

    /** A framework with the bundles of the newest KNIME release. */
    SiteFramework(final Path dir) throws BundleException, IOException {
        this(dir, KnimeRelease.newest());
    }

    SiteFramework(final Path dir, final KnimeRelease release) throws BundleException, IOException {
        this.dir = dir;
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("storage").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Strict: only java.* comes from the JDK unasked; everything else the bundle imports (MANIFEST.MF's
        // Import-Package) or embeds, so it runs whatever boot delegation the KNIME installation configures.
        config.put("osgi.compatibility.bootdelegation", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        framework = factory.newFramework(config);
        framework.start();
        for (Map.Entry<String, Version> knime : release.bundles().entrySet()) {
            framework.getBundleContext().installBundle(standIn(knime.getKey(), knime.getValue()).toUri().toString());
        }
    }

    /** Installs the site's bundle or fragment {@code id}. */
    Bundle install(final String id) throws BundleException, IOException {
        return framework.getBundleContext().installBundle(UpdateSite.plugin(id).toUri().toString());
    }

    /**
     * Installs a bundle with only the MANIFEST of the site's bundle {@code id}, its Require-Bundle replaced by
     * {@code requireBundle}: how the resolver would judge the bundle had it been built with that header.
     */
    Bundle installManifestOf(final String id, final String requireBundle) throws BundleException, IOException {
        Manifest m;
        try (JarFile jar = new JarFile(UpdateSite.plugin(id).toFile())) {
            m = new Manifest(jar.getManifest());
        }
        m.getMainAttributes().putValue("Require-Bundle", requireBundle);
        Path jar = dir.resolve(id + "-manifest-only.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return framework.getBundleContext().installBundle(jar.toUri().toString());
    }

    /** Resolves what can be resolved (fragments attach to their host). */
    void resolve() {
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
    }

    /** An empty bundle with the name and version of one of KNIME's. */
    private Path standIn(final String symbolicName, final Version version) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName + ";singleton:=true");
        a.putValue("Bundle-Version", version.toString());
        Path jar = dir.resolve(symbolicName + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }
}
