package org.modeconn.knime.node;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.knime.core.node.workflow.NodeContext;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.util.FileUtil;
import org.modeconn.engine.InvalidInputException;

/**
 * Where a file setting points: a path relative to the workflow (kept with it when the workflow is shared), a
 * {@code knime://} URL ({@code knime.workflow}, a mount point), or an absolute local path. A relative path is read
 * against the local folder of the workflow the node runs in (its node context), so that a shared workflow finds
 * its files without KNIME's URL handlers, which some installations lack.
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
        boolean url = t.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !isAbsolute(t);
        if (!url && !isAbsolute(t)) {
            return workflowFolder().orElseThrow(() -> new InvalidInputException("The " + what + " '" + t + "' is "
                + "relative to the workflow, but this node runs in no workflow stored in a local folder.",
                "Give an absolute path, or save the workflow first.")).resolve(t.replace('\\', '/')).normalize();
        }
        try {
            URL u = FileUtil.toURL(t);
            if (url && !u.getProtocol().equalsIgnoreCase(t.substring(0, t.indexOf(':')))) {
                // FileUtil reads a URL whose protocol has no handler as a relative path: say so instead
                throw new InvalidInputException("The " + what + " '" + t + "' is a URL that KNIME cannot resolve "
                    + "here (no handler for '" + t.substring(0, t.indexOf(':')) + ":').",
                    "Give a path relative to the workflow folder or an absolute local path.");
            }
            Path p = FileUtil.resolveToPath(u);
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

    /** The local folder of the workflow the current node runs in, if KNIME knows one. */
    private static Optional<Path> workflowFolder() {
        return NodeContext.getContextOptional().map(NodeContext::getWorkflowManager)
            .map(WorkflowManager::getProjectWFM).map(WorkflowManager::getContextV2)
            .map(c -> c.getExecutorInfo().getLocalWorkflowPath());
    }

    private static boolean isAbsolute(final String t) {
        try {
            return Path.of(t).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
