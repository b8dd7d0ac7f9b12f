package org.knime.core.node;

import java.io.File;
import java.io.IOException;

import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** KNIME API subset: the model of a node: settings, configure, execute. */
public abstract class NodeModel {
    private final PortType[] m_inTypes;
    private final PortType[] m_outTypes;
    private String m_warning;

    private org.knime.core.node.workflow.LoopStartNode m_loopStart;

    private boolean m_loopContinued;

    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        m_inTypes = inPortTypes.clone();
        m_outTypes = outPortTypes.clone();
    }

    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        throw new InvalidSettingsException("configure not implemented");
    }

    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        throw new IllegalStateException("execute not implemented");
    }

    protected abstract void saveSettingsTo(final NodeSettingsWO settings);

    protected abstract void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadValidatedSettingsFrom(final NodeSettingsRO settings)
        throws InvalidSettingsException;

    protected abstract void reset();

    protected abstract void loadInternals(final File nodeInternDir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void saveInternals(final File nodeInternDir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected final int getNrInPorts() {
        return m_inTypes.length;
    }

    protected final int getNrOutPorts() {
        return m_outTypes.length;
    }

    protected final void setWarningMessage(final String warningMessage) {
        m_warning = warningMessage;
    }

    protected final String getWarningMessage() {
        return m_warning;
    }

    /** Subset only: the warning a test reads back. */
    public final String subsetWarning() {
        return m_warning;
    }

    /** Subset only: the declared input port types. */
    public final PortType[] subsetInPortTypes() {
        return m_inTypes.clone();
    }

    /** Subset only: the declared output port types. */
    public final PortType[] subsetOutPortTypes() {
        return m_outTypes.clone();
    }

    /** As KNIME: only a loop end may continue its loop, and only inside a loop. */
    protected final void continueLoop() {
        if (!(this instanceof org.knime.core.node.workflow.LoopEndNode)) {
            throw new IllegalStateException("continueLoop called from non-end node (Coding Error)!");
        }
        if (m_loopStart == null) {
            throw new IllegalStateException("Missing Loop Start in Pipeline!");
        }
        m_loopContinued = true;
    }

    /** As KNIME: the start of this loop end's loop, or null when the loop is not closed. */
    protected final org.knime.core.node.workflow.LoopStartNode getLoopStartNode() {
        return m_loopStart;
    }

    /** Subset only: puts this loop end inside a loop started by {@code start} (what KNIME's workflow manager does). */
    public final void subsetSetLoopStartNode(final org.knime.core.node.workflow.LoopStartNode start) {
        m_loopStart = start;
    }

    /** Subset only: whether the last execution asked for another iteration; reading it clears it. */
    public final boolean subsetTakeLoopContinued() {
        boolean c = m_loopContinued;
        m_loopContinued = false;
        return c;
    }
}
