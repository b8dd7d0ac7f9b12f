package org.knime.core.node.workflow.contextv2;

import java.nio.file.Path;

/** What the executor of a workflow knows of it: here its local folder. */
public abstract class ExecutorInfo {

    private final Path m_localWorkflowPath;

    ExecutorInfo(final Path localWorkflowPath) {
        m_localWorkflowPath = localWorkflowPath;
    }

    /** The folder the executor runs the workflow from. */
    public Path getLocalWorkflowPath() {
        return m_localWorkflowPath;
    }
}
