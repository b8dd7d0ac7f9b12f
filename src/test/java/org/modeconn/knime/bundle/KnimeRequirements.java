package org.modeconn.knime.bundle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.ManifestElement;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The KNIME bundles a MANIFEST's Require-Bundle header asks for, parsed by Equinox's own header parser, and which
 * of a release's bundles would fail them.
 */
final class KnimeRequirements {

    private KnimeRequirements() {
    }

    /** Bundle symbolic name to its accepted version range, for every required {@code org.knime.*} bundle. */
    static Map<String, VersionRange> of(final String requireBundle) throws BundleException {
        Map<String, VersionRange> out = new LinkedHashMap<>();
        for (ManifestElement e : ManifestElement.parseHeader(Constants.REQUIRE_BUNDLE, requireBundle)) {
            if (e.getValue().startsWith("org.knime.")) {
                String range = e.getAttribute(Constants.BUNDLE_VERSION_ATTRIBUTE);
                out.put(e.getValue(), range == null ? new VersionRange(VersionRange.LEFT_CLOSED, Version.emptyVersion,
                    null, VersionRange.RIGHT_OPEN) : new VersionRange(range));
            }
        }
        return out;
    }

    /** The first requirement {@code release} does not meet (a missing bundle or one outside its range), if any. */
    static Optional<String> unmet(final Map<String, VersionRange> required, final KnimeRelease release) {
        for (Map.Entry<String, VersionRange> r : required.entrySet()) {
            Version v = release.bundles().get(r.getKey());
            if (v == null || !r.getValue().includes(v)) {
                return Optional.of(r.getKey() + " " + r.getValue() + " (" + release + " has " + v + ")");
            }
        }
        return Optional.empty();
    }
}
