package org.knime.node.parameters.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import org.knime.core.node.NodeSettingsRO;

/**
 * KNIME API subset: one migration of a field: which older settings it applies to (by default: those holding every
 * deprecated config path) and how it loads them. Config paths are given as key lists (KNIME's ConfigPath).
 */
public final class ConfigMigration<T> {
    private final Predicate<NodeSettingsRO> m_matcher;
    private final ParametersLoader<T> m_loader;
    private final Collection<List<String>> m_deprecatedConfigPaths;

    private ConfigMigration(final Collection<List<String>> deprecatedConfigPaths,
        final Predicate<NodeSettingsRO> matcher, final ParametersLoader<T> loader) {
        m_deprecatedConfigPaths = deprecatedConfigPaths;
        m_matcher = matcher;
        m_loader = loader;
    }

    public ParametersLoader<T> getLoader() {
        return m_loader;
    }

    public Predicate<NodeSettingsRO> getMatcher() {
        return m_matcher;
    }

    /** Subset only: the deprecated config paths as key lists (KNIME returns ConfigPath objects). */
    public Collection<List<String>> subsetDeprecatedConfigPaths() {
        return m_deprecatedConfigPaths;
    }

    /**
     * The matcher of a migration with neither deprecated paths nor a matcher of its own: the loader decides with the
     * field's config paths, which the matcher does not know.
     */
    public static final class NewSettingsMissingMatcher implements Predicate<NodeSettingsRO> {
        @Override
        public boolean test(final NodeSettingsRO settings) {
            throw new IllegalStateException("decided by the field's config paths");
        }
    }

    public static <T> Builder<T> builder(final ParametersLoader<T> loader) {
        return new Builder<>(loader);
    }

    public static final class Builder<T> {
        private Predicate<NodeSettingsRO> m_matcher;
        private final ParametersLoader<T> m_loader;
        private final Collection<List<String>> m_deprecatedConfigPaths = new ArrayList<>(0);

        public Builder(final ParametersLoader<T> loader) {
            m_loader = Objects.requireNonNull(loader);
        }

        public Builder<T> withDeprecatedConfigPath(final String... configKeys) {
            m_deprecatedConfigPaths.add(Arrays.stream(configKeys).toList());
            return this;
        }

        public Builder<T> withMatcher(final Predicate<NodeSettingsRO> matcher) {
            m_matcher = matcher;
            return this;
        }

        public ConfigMigration<T> build() {
            // As KNIME: without a matcher, the deprecated paths must all be there; without those either, the
            // migration applies where none of the field's current config paths is.
            Predicate<NodeSettingsRO> matcher = m_matcher != null ? m_matcher
                : m_deprecatedConfigPaths.isEmpty() ? new NewSettingsMissingMatcher()
                : settings -> m_deprecatedConfigPaths.stream().allMatch(path -> hasPath(settings, path));
            return new ConfigMigration<>(List.copyOf(m_deprecatedConfigPaths), matcher, m_loader);
        }

        private static boolean hasPath(final NodeSettingsRO settings, final List<String> path) {
            NodeSettingsRO at = settings;
            for (int i = 0; i < path.size(); i++) {
                if (!at.containsKey(path.get(i))) {
                    return false;
                }
                if (i + 1 < path.size()) {
                    try {
                        at = at.getNodeSettings(path.get(i));
                    } catch (org.knime.core.node.InvalidSettingsException e) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
