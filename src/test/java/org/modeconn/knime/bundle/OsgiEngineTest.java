package org.modeconn.knime.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts a real Equinox framework, installs the engine with the plugin's embedded libraries as a bundle
 * (the plugin's Bundle-ClassPath; the node packages, which need KNIME, left out) and trains a small network
 * inside it: ND4J must find its backend through the bundle's class loader and load its natives, as in KNIME.
 */
class OsgiEngineTest {

    @Test
    void theEngineTrainsInsideOsgi(@TempDir final Path dir) throws Exception {
        Path bundle = dir.resolve("org.modeconn.engine.test");
        writeBundle(bundle);
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, dir.resolve("storage").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // Strict: only java.* comes from the JDK unasked; everything else the bundle imports (MANIFEST.MF's
        // Import-Package) or embeds, so it runs whatever boot delegation the KNIME installation configures.
        config.put("osgi.compatibility.bootdelegation", "false");
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).iterator().next();
        Framework framework = factory.newFramework(config);
        framework.start();
        try {
            Bundle b = framework.getBundleContext().installBundle("reference:" + bundle.toUri());
            b.start();
            assertThat(b.getState()).isEqualTo(Bundle.ACTIVE);
            Class<?> check = b.loadClass("org.modeconn.engine.train.BackendSelfCheck");
            assertThat(check.getClassLoader()).isNotSameAs(getClass().getClassLoader());
            String report = (String)check.getMethod("run").invoke(null);
            System.out.println("inside OSGi: " + report);
            assertThat(report).contains("CPU").contains("org.eclipse.osgi").contains("train error")
                .contains("layer kernels on oneDNN");
            // Figures too: Java2D and ImageIO from inside the bundle.
            Class<?> result = b.loadClass("org.modeconn.engine.plane.PlaneResult");
            double[][] grid = {{1, 2}, {3, 4}};
            Object plane = result.getConstructors()[0].newInstance(new double[] {0, 1}, new double[] {0, 1}, grid,
                grid, null, null, new double[][] {{0, 0}, {0.5, 1}, {1, 0}}, java.util.List.of(), 1.0, 1.0, 10, 0.1);
            Path png = dir.resolve("plane.png");
            b.loadClass("org.modeconn.engine.report.PlaneHeatMap").getMethod("write", result, Path.class)
                .invoke(null, plane, png);
            assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    /** A directory bundle: the engine's classes, lib/ as links to the resolved jars, the plugin's class path. */
    private static void writeBundle(final Path bundle) throws IOException {
        Path classes = BundleLayout.ROOT.resolve("target/classes");
        Path engine = classes.resolve("org/modeconn/engine");
        try (Stream<Path> files = Files.walk(engine)) {
            for (Path f : (Iterable<Path>)files::iterator) {
                Path target = bundle.resolve(classes.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Files.createDirectories(bundle.resolve("lib"));
        Map<String, Path> jars = BundleLayout.runtimeJars();
        for (String entry : BundleLayout.bundleClassPath()) {
            if (entry.startsWith("lib/")) {
                Path jar = jars.get(entry.substring(4));
                assertThat(jar).as("a resolved jar for " + entry).isNotNull();
                Files.createSymbolicLink(bundle.resolve(entry), jar);
            }
        }
        Manifest m = BundleLayout.manifest();
        Attributes a = m.getMainAttributes();
        a.putValue("Bundle-SymbolicName", "org.modeconn.engine.test");
        a.remove(new Attributes.Name("Require-Bundle"));
        a.remove(new Attributes.Name("Export-Package"));
        Files.createDirectories(bundle.resolve("META-INF"));
        try (OutputStream out = Files.newOutputStream(bundle.resolve("META-INF/MANIFEST.MF"))) {
            m.write(out);
        }
    }
}
