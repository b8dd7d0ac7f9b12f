package org.knime.core.webui.page;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.knime.core.node.FluentNodeAPI;

/**
 * KNIME API subset: a web UI page (its HTML) and the resources it loads by relative path. Only the from-string
 * form is mirrored; from-file pages read the bundle's folder, which needs OSGi.
 */
public class Page implements FluentNodeAPI {

    public static RequireFromFileOrString create() {
        return new RequireFromFileOrString() {
            @Override
            public RequireRelativePath fromString(final InputStreamSupplier content, final Charset charset) {
                return relativePath -> new Page(relativePath, content);
            }

            @Override
            public RequireRelativePath fromString(final StringSupplier content, final Charset charset) {
                return relativePath -> new Page(relativePath,
                    () -> new ByteArrayInputStream(content.get().getBytes(charset)));
            }
        };
    }

    private final String m_relativePath;
    private final Supplier<InputStream> m_content;
    private final Map<String, Supplier<InputStream>> m_resources = new LinkedHashMap<>();

    private Page(final String relativePath, final Supplier<InputStream> content) {
        m_relativePath = relativePath;
        m_content = content;
    }

    public interface RequireFromFileOrString {
        default RequireRelativePath fromString(final InputStreamSupplier content) {
            return fromString(content, null);
        }

        default RequireRelativePath fromString(final StringSupplier content) {
            return fromString(content, StandardCharsets.UTF_8);
        }

        RequireRelativePath fromString(InputStreamSupplier content, Charset charset);

        RequireRelativePath fromString(StringSupplier content, Charset charset);
    }

    public interface RequireRelativePath {
        Page relativePath(String relativePath);
    }

    public Page addResource(final Supplier<InputStream> content, final String relativePath) {
        m_resources.put(relativePath, content);
        return this;
    }

    public Page addResource(final Supplier<InputStream> content, final String relativePath, final Charset charset) {
        return addResource(content, relativePath);
    }

    public String getRelativePath() {
        return m_relativePath;
    }

    public InputStream getInputStream() throws IOException {
        return m_content.get();
    }

    /** Subset only: a resource by relative path (KNIME's getResource returns a Resource). */
    public Optional<InputStream> subsetResource(final String relativePath) {
        return Optional.ofNullable(m_resources.get(relativePath)).map(Supplier::get);
    }

    /** Subset only: the relative paths of the added resources. */
    public java.util.Set<String> subsetResourcePaths() {
        return java.util.Collections.unmodifiableSet(m_resources.keySet());
    }

    @FunctionalInterface
    public interface StringSupplier extends Supplier<String> {
    }

    @FunctionalInterface
    public interface InputStreamSupplier extends Supplier<InputStream> {
    }
}
