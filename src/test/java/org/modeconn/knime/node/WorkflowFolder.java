package org.modeconn.knime.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.knime.core.util.FileUtil;

/**
 * A fresh folder per test that {@code knime://knime.workflow/} (and so every relative path of a node's file
 * setting) resolves to, as the folder of the workflow a node runs in; deleted after the test.
 */
public final class WorkflowFolder implements BeforeEachCallback, AfterEachCallback {

    private Path folder;

    /** The current test's workflow folder. */
    public Path path() {
        return folder;
    }

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("workflow");
        FileUtil.subsetSetWorkflowFolder(folder);
    }

    @Override
    public void afterEach(final ExtensionContext context) throws IOException {
        FileUtil.subsetSetWorkflowFolder(null);
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
