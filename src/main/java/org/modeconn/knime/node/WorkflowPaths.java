package org.modeconn.knime.node;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.knime.core.util.FileUtil;
import org.modeconn.engine.InvalidInputException;

/**
 * Where a file setting points: a path relative to the workflow (kept with it when the workflow is shared), a
 * {@code knime://} URL ({@code knime.workflow}, a mount point), or an absolute local path. Relative paths are
 * read as {@code knime://knime.workflow/…}, so that a shared workflow finds its files.
 */
public final class WorkflowPaths {

    /** How a path may be written, for setting descriptions and messages. */
    public static final String FORMS = "a path relative to the workflow folder (for example <tt>data/model.onnx</tt>, "
        + "which travels with the workflow), a <tt>knime://</tt> URL, or an absolute local path";

    private WorkflowPaths() {
    }

    /** The local file {@code text} names; {@code what} names the setting in messages. */
    public static Path resolve(final String text, final String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new InvalidInputException("No " + what + " is given.", "Enter " + FORMS + ".");
        }
        String url = t;
        if (!t.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !isAbsolute(t)) {
            url = "knime://knime.workflow/" + t.replace('\\', '/');
        }
        try {
            Path p = FileUtil.resolveToPath(FileUtil.toURL(url));
            if (p == null) {
                throw new InvalidInputException("The " + what + " '" + t + "' is not a local file.",
                    "Give " + FORMS + "; remote locations are not read or written.");
            }
            return p;
        } catch (MalformedURLException | InvalidPathException | URISyntaxException e) {
            throw new InvalidInputException("The " + what + " '" + t + "' is not a valid path or URL: "
                + e.getMessage(), "Enter " + FORMS + ".");
        } catch (IOException e) {
            throw new InvalidInputException("The " + what + " '" + t + "' cannot be resolved: " + e.getMessage(),
                "Enter " + FORMS + ".");
        }
    }

    private static boolean isAbsolute(final String t) {
        try {
            return Path.of(t).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
