package org.knime.core.util;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * KNIME's file utilities: the two members the nodes use, with KNIME's signatures. KNIME resolves {@code knime:}
 * URLs through the URL handler it registers in the OSGi framework; here {@code knime://knime.workflow/…} resolves
 * against the folder a test sets, and other {@code knime:} hosts are not resolved.
 */
public final class FileUtil {

    private static volatile Path subsetWorkflowFolder;

    private FileUtil() {
    }

    /**
     * Subset only: the folder of the workflow the nodes run in during a test, which {@code knime://knime.workflow/}
     * and the node context's workflow stand for; null for none.
     */
    public static void subsetSetWorkflowFolder(final Path folder) {
        subsetWorkflowFolder = folder;
    }

    /** Subset only: the folder set by {@link #subsetSetWorkflowFolder}. */
    public static java.util.Optional<Path> subsetWorkflowFolder() {
        return java.util.Optional.ofNullable(subsetWorkflowFolder);
    }

    /**
     * A URL as it is, or a local path as a {@code file:} URL; as KNIME's, a URL whose protocol has no handler is
     * read as a path (relative to the working directory).
     */
    public static URL toURL(final String urlOrPath) throws MalformedURLException, InvalidPathException {
        if (urlOrPath.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            if (urlOrPath.startsWith("knime:")) {
                return new URL(null, urlOrPath, new URLStreamHandler() {
                    @Override
                    protected URLConnection openConnection(final URL u) throws IOException {
                        throw new IOException("Subset only: knime: URLs are not opened");
                    }
                });
            }
            try {
                return new URL(urlOrPath);
            } catch (MalformedURLException e) {
                return Path.of(urlOrPath).toAbsolutePath().toUri().toURL();
            }
        }
        return Path.of(urlOrPath).toAbsolutePath().toUri().toURL();
    }

    /** The local path of {@code url}, or null when it is not local. */
    public static Path resolveToPath(final URL url) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("file")) {
            return Path.of(url.toURI());
        }
        if (url.getProtocol().equals("knime") && url.getHost().equals("knime.workflow")) {
            Path folder = subsetWorkflowFolder;
            if (folder == null) {
                throw new IOException("Subset only: no workflow folder set for " + url);
            }
            return folder.resolve(url.getPath().replaceFirst("^/", "")).normalize();
        }
        return null;
    }
}
