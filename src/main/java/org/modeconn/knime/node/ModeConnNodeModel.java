package org.modeconn.knime.node;

import java.util.Objects;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;
import org.knime.node.parameters.NodeParameters;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.OutOfMemoryMessages;
import org.modeconn.engine.backend.BackendInfo;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.report.view.ViewData;
import org.modeconn.knime.views.ViewDataTable;

/**
 * What every node of this extension does around its own configure and execute, as the functions of KNIME's
 * {@code DefaultModel}: engine problems shown as KNIME messages with their fixes, cancellation mapped to KNIME's,
 * the ND4J backend initialised with this bundle's class loader before execution touches ND4J, and the view's
 * data handed to KNIME as the node's internal data. A new instance serves each configure and each execute, so
 * a warning set in one never reaches the other.
 *
 * @param <P> the node's parameters
 */
public abstract class ModeConnNodeModel<P extends NodeParameters> {

    private final Class<P> m_parametersClass;

    private P m_parameters;

    private String m_warning;

    private ViewData m_viewData;

    private BackendInfo m_backend;

    /** @param parametersClass the node's parameters, created with their defaults until others are given */
    protected ModeConnNodeModel(final Class<P> parametersClass) {
        m_parametersClass = Objects.requireNonNull(parametersClass);
        m_parameters = NodeParametersUtil.createSettings(parametersClass);
    }

    /** Checks the inputs and settings and says what the outputs will be; engine problems become messages. */
    protected abstract PortObjectSpec[] configure(PortObjectSpec[] inSpecs, P parameters)
        throws InvalidSettingsException;

    /** Does the work. */
    protected abstract PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, P parameters)
        throws Exception;

    /** KNIME's configure: the node's own, with engine problems as messages. */
    public final void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        m_parameters = m_parametersClass.cast(in.getParameters());
        try {
            out.setOutSpecs(configure(in.getInPortSpecs(), m_parameters));
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
        if (m_warning != null) {
            out.setWarningMessage(m_warning);
        }
    }

    /** KNIME's execute: the node's own, with its view data as internal data and every failure as a message. */
    public final void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        m_parameters = m_parametersClass.cast(in.getParameters());
        ExecutionContext exec = in.getExecutionContext();
        // One compute context per execution: its kernels and threads, and the native memory of what the node opens,
        // freed when the execution ends however it ends.
        try (ComputeContext context = ComputeContext.open(ComputeOptions.fromSystem(),
            ModeConnNodeModel.class.getClassLoader())) {
            // Why the GPU is not used is an info line in every output's provenance and in the views, not a
            // warning: a warning would hide the node's own.
            m_backend = context.backend();
            PortObject[] results = execute(in.getInPortObjects(), exec, m_parameters);
            out.setOutData(results);
            if (m_viewData != null) {
                out.setInternalData(ViewDataTable.create(m_viewData, exec));
            }
        } catch (CanceledExecutionException | KNIMEException e) {
            throw e;
        } catch (OperationCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (InvalidInputException e) {
            throw NodeMessages.executionFailure(e);
        } catch (OutOfMemoryError e) {
            throw NodeMessages.executionFailure(OutOfMemoryMessages.explain(e));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new KNIMEException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            if (m_warning != null) {
                out.setWarningMessage(m_warning);
            }
        }
    }

    /** Sets the node's warning (the last one set is shown). */
    protected final void setWarningMessage(final String warning) {
        m_warning = warning;
    }

    /** Adds {@code warning} to the node's warning, after what is set already. */
    protected final void addWarningMessage(final String warning) {
        m_warning = m_warning == null ? warning : m_warning + " " + warning;
    }

    /** What the node's view shows after this execution. */
    protected final void setViewData(final ViewData data) {
        m_viewData = data;
    }

    /** Why the GPU is not used, or null: set once execution has initialised the backend. */
    protected final String backendNote() {
        return m_backend == null ? null : m_backend.note();
    }

    /** The current parameters (for tests and subclasses). */
    public final P parameters() {
        return m_parameters;
    }

    /** Uses {@code parameters} from now on (as KNIME does when it loads settings); for tests. */
    final void useParameters(final NodeParameters parameters) {
        m_parameters = m_parametersClass.cast(parameters);
    }

    /** The parameters class. */
    public final Class<P> parametersClass() {
        return m_parametersClass;
    }
}
