package org.modeconn.knime.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The update site's host bundle and its native fragments in Equinox beside stand-ins of KNIME's bundles with the
 * real names and versions of each KNIME release: the host resolves in every release that has the API the nodes use and in no
 * other; in the newest, only the Linux fragment attaches (the others are filtered out by platform), and a small
 * network trains inside, ND4J finding its backend and natives through the host's class loader.
 */
class OsgiSiteIT {

    static List<KnimeRelease> releases() {
        return KnimeRelease.all();
    }

    static List<KnimeRelease> releasesWithTheApiTheNodesUse() {
        return KnimeRelease.all().stream().filter(KnimeRelease::hasTheApiTheNodesUse).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void theHostAndItsFragmentResolveInEveryReleaseWithTheApiTheNodesUseAndInNoOther(final KnimeRelease release,
        @TempDir final Path dir) throws Exception {
        try (SiteFramework framework = new SiteFramework(dir, release)) {
            Bundle host = framework.install("org.modeconn.knime");
            Bundle linux = framework.install("org.modeconn.knime.bin.linux.x86_64");
            framework.resolve();
            if (release.hasTheApiTheNodesUse()) {
                // Resolved; a lazily activated bundle waits in STARTING for its first class load, as in KNIME.
                assertThat(host.getState()).isIn(Bundle.RESOLVED, Bundle.STARTING);
                assertThat(linux.getState()).isEqualTo(Bundle.RESOLVED);
            } else {
                assertThat(host.getState()).isEqualTo(Bundle.INSTALLED);
                assertThatThrownBy(host::start).isInstanceOf(BundleException.class)
                    .hasMessageContaining("Unresolved requirement: Require-Bundle: org.knime.core");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasesWithTheApiTheNodesUse")
    void theRangeBeforeTheFixResolvesInNoRelease(final KnimeRelease release, @TempDir final Path dir)
        throws Exception {
        // Shows that the test above can fail: the header the bundle was first built with, judged by the resolver.
        try (SiteFramework framework = new SiteFramework(dir, release)) {
            Bundle host = framework.installManifestOf("org.modeconn.knime", KnimeRequirementsTest.RANGE_BEFORE_THE_FIX);
            framework.resolve();
            assertThat(host.getState()).isEqualTo(Bundle.INSTALLED);
            assertThatThrownBy(host::start).isInstanceOf(BundleException.class).hasMessageContaining(
                "Unresolved requirement: Require-Bundle: org.knime.core.util; bundle-version=\"[5.3.0,6.0.0)\"");
        }
    }

    @Test
    void theSitesHostAndLinuxFragmentTrainInsideOsgi(@TempDir final Path dir) throws Exception {
        try (SiteFramework framework = new SiteFramework(dir)) {
            Bundle host = framework.install("org.modeconn.knime");
            Map<UpdateSite.Platform, Bundle> fragments = new HashMap<>();
            for (UpdateSite.Platform p : UpdateSite.PLATFORMS) {
                fragments.put(p, framework.install(p.fragment()));
            }
            framework.resolve();
            host.start();
            assertThat(host.getState()).isEqualTo(Bundle.ACTIVE);
            for (Map.Entry<UpdateSite.Platform, Bundle> f : fragments.entrySet()) {
                boolean linux = f.getKey().classifier().equals("linux-x86_64");
                assertThat(f.getValue().getState()).as(f.getKey().fragment())
                    .isEqualTo(linux ? Bundle.RESOLVED : Bundle.INSTALLED);
                assertThat(f.getValue().adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT)
                    .isNotZero();
            }
            assertThat(host.adapt(BundleWiring.class).getProvidedWires(BundleRevision.HOST_NAMESPACE)).hasSize(1);

            Class<?> check = host.loadClass("org.modeconn.engine.train.BackendSelfCheck");
            assertThat(check.getClassLoader()).isNotSameAs(getClass().getClassLoader());
            String report = (String)check.getMethod("run").invoke(null);
            System.out.println("inside OSGi, from the update site: " + report);
            assertThat(report).contains("CPU").contains("org.eclipse.osgi").contains("train error")
                .contains("layer kernels on oneDNN").doesNotContain("GPU not used");
            // Figures too: Java2D and ImageIO from inside the bundle.
            Class<?> result = host.loadClass("org.modeconn.engine.plane.PlaneResult");
            double[][] grid = {{1, 2}, {3, 4}};
            // The plane through three points (the constructor without anchor names).
            Object plane = result.getConstructor(double[].class, double[].class, double[][].class, double[][].class,
                double[][].class, double[][].class, double[][].class, List.class, double.class, double.class, int.class,
                double.class).newInstance(new double[] {0, 1}, new double[] {0, 1}, grid, grid, null, null,
                    new double[][] {{0, 0}, {0.5, 1}, {1, 0}}, List.of(), 1.0, 1.0, 10, 0.1);
            Path png = dir.resolve("plane.png");
            host.loadClass("org.modeconn.engine.report.PlaneHeatMap").getMethod("write", result, Path.class)
                .invoke(null, plane, png);
            assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);
        }
    }
}
