package org.knime.core.node.workflow;

import java.nio.file.Path;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;

/** A workflow: the two members the nodes use, of a project workflow stored in a local folder. */
public final class WorkflowManager {

    private final WorkflowContextV2 m_context;

    private WorkflowManager(final WorkflowContextV2 context) {
        m_context = context;
    }

    /** Subset only: a project workflow stored in {@code folder}. */
    static WorkflowManager subsetProject(final Path folder) {
        return new WorkflowManager(WorkflowContextV2.subsetLocal(folder));
    }

    /** The workflow that is the project (a metanode's or component's is its enclosing workflow's). */
    public WorkflowManager getProjectWFM() {
        return this;
    }

    /** Where the workflow is and who runs it; null for a workflow without a context. */
    public WorkflowContextV2 getContextV2() {
        return m_context;
    }
}
