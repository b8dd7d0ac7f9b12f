package org.knime.node;

import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.FluentNodeAPI;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.context.ports.PortsConfiguration;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.node.parameters.NodeParameters;

/**
 * KNIME API subset: a node's model as two functions, configure and execute, with its parameters class (the
 * column-rearranging form is not mirrored).
 */
public abstract sealed class DefaultModel implements FluentNodeAPI permits DefaultModel.StandardDefaultModel {

    private final Class<? extends NodeParameters> m_parametersClass;

    private DefaultModel(final Class<? extends NodeParameters> parametersClass) {
        m_parametersClass = parametersClass;
    }

    static RequireModelParameters create() {
        return parametersClass -> configure -> execute -> new StandardDefaultModel(parametersClass, configure,
            execute);
    }

    static final class StandardDefaultModel extends DefaultModel {
        final ExecuteConsumer m_execute;

        final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> m_configure;

        private StandardDefaultModel(final Class<? extends NodeParameters> paramatersClass,
            final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> configure,
            final ExecuteConsumer execute) {
            super(paramatersClass);
            m_configure = configure;
            m_execute = execute;
        }
    }

    Optional<Class<? extends NodeParameters>> getParametersClass() {
        return Optional.ofNullable(m_parametersClass);
    }

    public interface RequireModelParameters {
        RequireConfigureOrRearrangeColumns parametersClass(Class<? extends NodeParameters> parametersClass);

        default RequireConfigureOrRearrangeColumns withoutParameters() {
            return parametersClass(null);
        }
    }

    public interface RequireConfigureOrRearrangeColumns {
        RequireExecute configure(final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> configure);
    }

    @FunctionalInterface
    public interface ConfigureOrRearrangerConsumer<I, O> {
        void accept(I input, O output) throws InvalidSettingsException;
    }

    public interface ConfigureInput {
        <S extends NodeParameters> S getParameters();

        PortObjectSpec[] getInPortSpecs();

        <S extends PortObjectSpec> S getInPortSpec(int index);

        DataTableSpec[] getInTableSpecs();

        DataTableSpec getInTableSpec(final int portIndex);

        PortType[] getOutPortTypes();

        PortsConfiguration getPortsConfiguration();
    }

    public interface ConfigureOutput {
        <S extends PortObjectSpec> void setOutSpec(int index, S spec);

        @SuppressWarnings("unchecked")
        <S extends PortObjectSpec> void setOutSpecs(S... specs);

        void setWarningMessage(String message);
    }

    public interface ExecuteInput {
        <S extends NodeParameters> S getParameters();

        ExecutionContext getExecutionContext();

        PortObject[] getInPortObjects();

        <D extends PortObject> D getInPortObject(int portIndex);

        BufferedDataTable[] getInTables();

        BufferedDataTable getInTable(final int portIndex);

        PortType[] getOutPortTypes();

        PortsConfiguration getPortsConfiguration();
    }

    public interface ExecuteOutput {
        <D extends PortObject> void setOutData(int index, D data);

        @SuppressWarnings("unchecked")
        <D extends PortObject> void setOutData(D... data);

        @SuppressWarnings("unchecked")
        <D extends PortObject> void setInternalData(D... data);

        void setWarningMessage(String message);
    }

    public interface RequireExecute {
        DefaultModel execute(ExecuteConsumer execute);
    }

    @FunctionalInterface
    public interface ExecuteConsumer {
        void accept(ExecuteInput input, ExecuteOutput output) throws CanceledExecutionException, KNIMEException;
    }

    /** Subset only: the parameters class. */
    public Optional<Class<? extends NodeParameters>> subsetParametersClass() {
        return getParametersClass();
    }

    /** Subset only: runs configure as KNIME's adapter does. */
    public void subsetConfigure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        ((StandardDefaultModel)this).m_configure.accept(in, out);
    }

    /** Subset only: runs execute as KNIME's adapter does. */
    public void subsetExecute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        ((StandardDefaultModel)this).m_execute.accept(in, out);
    }
}
