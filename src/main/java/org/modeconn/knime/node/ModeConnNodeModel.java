package org.modeconn.knime.node;

import java.io.File;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.node.parameters.NodeParameters;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.OutOfMemoryMessages;
import org.modeconn.engine.backend.BackendInfo;
import org.modeconn.engine.backend.ComputeBackend;

/**
 * What every node of this extension shares: settings in a {@link NodeParameters} class (the web dialog's),
 * engine problems shown as KNIME messages with their fixes, cancellation mapped to KNIME's, and the ND4J
 * backend initialised with this bundle's class loader before the first execution touches ND4J.
 *
 * @param <P> the node's parameters
 */
public abstract class ModeConnNodeModel<P extends NodeParameters> extends NodeModel {

    private final Class<P> m_parametersClass;

    private P m_parameters;

    /**
     * @param in the input port types
     * @param out the output port types
     * @param parametersClass the node's parameters, created with its defaults
     */
    protected ModeConnNodeModel(final PortType[] in, final PortType[] out, final Class<P> parametersClass) {
        super(in, out);
        m_parametersClass = Objects.requireNonNull(parametersClass);
        m_parameters = NodeParametersUtil.createSettings(parametersClass);
    }

    /** Checks the inputs and settings and says what the outputs will be; engine problems become messages. */
    protected abstract PortObjectSpec[] configure(PortObjectSpec[] inSpecs, P parameters)
        throws InvalidSettingsException;

    /** Does the work. */
    protected abstract PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, P parameters)
        throws Exception;

    /** Whether a node has shown the backend's note as its warning in this JVM. */
    private static final AtomicBoolean BACKEND_NOTE_SHOWN = new AtomicBoolean();

    @Override
    protected final PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        try {
            return configure(inSpecs, m_parameters);
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    @Override
    protected final PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        try {
            BackendInfo backend = ComputeBackend.initialise(ModeConnNodeModel.class.getClassLoader());
            PortObject[] out = execute(inObjects, exec, m_parameters);
            // Why the GPU is not used is in every output's provenance (and its port view); as a warning it is said
            // once per KNIME session, by the first node that runs, after the node's own warning.
            if (backend.note() != null && BACKEND_NOTE_SHOWN.compareAndSet(false, true)) {
                String own = getWarningMessage();
                setWarningMessage(own == null || own.isBlank() ? backend.note() : own + " " + backend.note());
            }
            return out;
        } catch (OperationCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidInputException e) {
            throw NodeMessages.executionFailure(e);
        } catch (OutOfMemoryError e) {
            throw NodeMessages.executionFailure(OutOfMemoryMessages.explain(e));
        }
    }

    @Override
    protected void saveSettingsTo(final NodeSettingsWO settings) {
        NodeParametersUtil.saveSettings(m_parametersClass, m_parameters, settings);
    }

    @Override
    protected void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeParametersUtil.loadSettings(settings, m_parametersClass).validate();
    }

    @Override
    protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_parameters = NodeParametersUtil.loadSettings(settings, m_parametersClass);
    }

    @Override
    protected void reset() {
        // Outputs live in KNIME's ports and file stores; nothing is cached here.
    }

    @Override
    protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // No internals: everything a node shows is in its output ports.
    }

    @Override
    protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        // No internals: everything a node shows is in its output ports.
    }

    /** The current parameters (for tests and subclasses). */
    public final P parameters() {
        return m_parameters;
    }
}
