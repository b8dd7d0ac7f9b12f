package org.knime.core.node;

import java.util.function.Supplier;

/** KNIME API subset: progress and cancellation of an execution. */
public class ExecutionMonitor {
    private final ExecutionMonitor m_parent;
    private volatile boolean m_cancelled;
    private volatile double m_progress;
    private volatile String m_message;

    public ExecutionMonitor() {
        m_parent = null;
    }

    private ExecutionMonitor(final ExecutionMonitor parent) {
        m_parent = parent;
    }

    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(this);
    }

    public void checkCanceled() throws CanceledExecutionException {
        if (m_cancelled || (m_parent != null && m_parent.isSubsetCancelled())) {
            throw new CanceledExecutionException("Execution cancelled");
        }
    }

    public void setProgress(final double progress) {
        m_progress = progress;
    }

    public void setProgress(final double progress, final String message) {
        m_progress = progress;
        setMessage(message);
    }

    public void setProgress(final double progress, final Supplier<String> message) {
        m_progress = progress;
        setMessage(message.get());
    }

    public void setMessage(final String message) {
        m_message = message;
        if (m_parent != null) {
            m_parent.setMessage(message);
        }
    }

    /** Subset only: what tests read back. */
    public double subsetProgress() {
        return m_progress;
    }

    /** Subset only: what tests read back. */
    public String subsetMessage() {
        return m_message;
    }

    private boolean isSubsetCancelled() {
        return m_cancelled || (m_parent != null && m_parent.isSubsetCancelled());
    }

    /** Subset only: the user pressing cancel. */
    public void subsetCancel() {
        m_cancelled = true;
    }
}
