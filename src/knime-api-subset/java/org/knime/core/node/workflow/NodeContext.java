package org.knime.core.node.workflow;

import java.util.Optional;
import org.knime.core.util.FileUtil;

/**
 * The node a thread works for. KNIME pushes one around every configure and execute; here a node runs in a workflow
 * whose folder is the one a test set with {@link FileUtil#subsetSetWorkflowFolder}, and in none without it.
 */
public final class NodeContext {

    private final WorkflowManager m_workflow;

    private NodeContext(final WorkflowManager workflow) {
        m_workflow = workflow;
    }

    public static Optional<NodeContext> getContextOptional() {
        return FileUtil.subsetWorkflowFolder().map(f -> new NodeContext(WorkflowManager.subsetProject(f)));
    }

    public WorkflowManager getWorkflowManager() {
        return m_workflow;
    }
}
