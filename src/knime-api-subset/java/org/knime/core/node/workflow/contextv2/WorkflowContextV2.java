package org.knime.core.node.workflow.contextv2;

import java.nio.file.Path;

/** A workflow's context: here only its executor's view, with the local folder of the workflow. */
public final class WorkflowContextV2 {

    private final ExecutorInfo m_executor;

    private WorkflowContextV2(final ExecutorInfo executor) {
        m_executor = executor;
    }

    /** Subset only: the context of a workflow run from the local folder {@code folder}. */
    public static WorkflowContextV2 subsetLocal(final Path folder) {
        return new WorkflowContextV2(new ExecutorInfo(folder) { });
    }

    public ExecutorInfo getExecutorInfo() {
        return m_executor;
    }
}
