package org.modeconn.knime.node;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.context.ports.PortsConfiguration;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;
import org.knime.node.parameters.NodeParameters;

/**
 * Drives a node model as KNIME's {@code DefaultModel} adapter does (settings, configure, execute, internal data),
 * for tests in any package. A test holds one model object for the node's settings; as in KNIME, every
 * configure and execute runs on a new model of the same class, given those settings, and what it hands to
 * KNIME (specs, outputs, internal data, warning) is what the test reads back.
 */
public final class NodeHarness {

    /** The warning the last configure or execute of each test's node handed to KNIME. */
    private static final Map<ModeConnNodeModel<?>, String> WARNINGS = Collections.synchronizedMap(new WeakHashMap<>());

    private NodeHarness() {
    }

    /** A new model of {@code m}'s class, as KNIME makes one for each call. */
    private static ModeConnNodeModel<?> fresh(final ModeConnNodeModel<?> m) {
        try {
            var c = m.getClass().getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What one execution gave.
     *
     * @param outputs the output port objects
     * @param internal the internal port objects (the view data), or null
     * @param warning the node's warning, or null
     */
    public record Execution(PortObject[] outputs, PortObject[] internal, String warning) {
    }

    /** A new model of the node, as each configure and execute gets one in KNIME. */
    public static ModeConnNodeModel<?> model(final ModeConnNodeFactory factory) {
        return factory.definition().model().get();
    }

    /** configure, as KNIME calls it. */
    public static PortObjectSpec[] configure(final ModeConnNodeModel<?> m, final PortObjectSpec... in)
        throws InvalidSettingsException {
        PortObjectSpec[][] out = new PortObjectSpec[1][];
        String[] warning = new String[1];
        WARNINGS.remove(m);
        fresh(m).configure(new ConfigureInput() {
            @SuppressWarnings("unchecked")
            @Override
            public <S extends NodeParameters> S getParameters() {
                return (S)m.parameters();
            }

            @Override
            public PortObjectSpec[] getInPortSpecs() {
                return in;
            }

            @SuppressWarnings("unchecked")
            @Override
            public <S extends PortObjectSpec> S getInPortSpec(final int index) {
                return (S)in[index];
            }

            @Override
            public DataTableSpec[] getInTableSpecs() {
                throw new UnsupportedOperationException("the nodes read their specs by index");
            }

            @Override
            public DataTableSpec getInTableSpec(final int portIndex) {
                return (DataTableSpec)in[portIndex];
            }

            @Override
            public PortType[] getOutPortTypes() {
                throw new UnsupportedOperationException("not used by the nodes");
            }

            @Override
            public PortsConfiguration getPortsConfiguration() {
                throw new UnsupportedOperationException("the nodes have fixed ports");
            }
        }, new ConfigureOutput() {
            @Override
            public <S extends PortObjectSpec> void setOutSpec(final int index, final S spec) {
                throw new UnsupportedOperationException("the nodes set all specs at once");
            }

            @SafeVarargs
            @Override
            public final <S extends PortObjectSpec> void setOutSpecs(final S... specs) {
                out[0] = specs.clone();
            }

            @Override
            public void setWarningMessage(final String message) {
                warning[0] = message;
            }
        });
        if (warning[0] != null) {
            WARNINGS.put(m, warning[0]);
        }
        return out[0];
    }

    /** execute, as KNIME calls it: the outputs. */
    public static PortObject[] execute(final ModeConnNodeModel<?> m, final ExecutionContext exec,
        final PortObject... in) throws Exception {
        return run(m, exec, in).outputs();
    }

    /** execute, as KNIME calls it: outputs, internal data and warning. */
    public static Execution run(final ModeConnNodeModel<?> m, final ExecutionContext exec, final PortObject... in)
        throws Exception {
        PortObject[][] out = new PortObject[2][];
        String[] warning = new String[1];
        WARNINGS.remove(m);
        try {
            fresh(m).execute(new ExecuteInput() {
                @SuppressWarnings("unchecked")
                @Override
                public <S extends NodeParameters> S getParameters() {
                    return (S)m.parameters();
                }

                @Override
                public ExecutionContext getExecutionContext() {
                    return exec;
                }

                @Override
                public PortObject[] getInPortObjects() {
                    return in;
                }

                @SuppressWarnings("unchecked")
                @Override
                public <D extends PortObject> D getInPortObject(final int portIndex) {
                    return (D)in[portIndex];
                }

                @Override
                public BufferedDataTable[] getInTables() {
                    throw new UnsupportedOperationException("the nodes read their inputs by index");
                }

                @Override
                public BufferedDataTable getInTable(final int portIndex) {
                    return (BufferedDataTable)in[portIndex];
                }

                @Override
                public PortType[] getOutPortTypes() {
                    throw new UnsupportedOperationException("not used by the nodes");
                }

                @Override
                public PortsConfiguration getPortsConfiguration() {
                    throw new UnsupportedOperationException("the nodes have fixed ports");
                }
            }, new ExecuteOutput() {
                @Override
                public <D extends PortObject> void setOutData(final int index, final D data) {
                    throw new UnsupportedOperationException("the nodes set all outputs at once");
                }

                @SafeVarargs
                @Override
                public final <D extends PortObject> void setOutData(final D... data) {
                    out[0] = data.clone();
                }

                @SafeVarargs
                @Override
                public final <D extends PortObject> void setInternalData(final D... data) {
                    out[1] = data.clone();
                }

                @Override
                public void setWarningMessage(final String message) {
                    warning[0] = message;
                }
            });
        } finally {
            if (warning[0] != null) {
                WARNINGS.put(m, warning[0]);
            }
        }
        return new Execution(out[0], out[1], warning[0]);
    }

    /** The node's settings as KNIME saves them. */
    public static NodeSettings save(final ModeConnNodeModel<?> m) {
        NodeSettings s = new NodeSettings("model");
        NodeParametersUtil.saveSettings(m.parametersClass(), m.parameters(), s);
        return s;
    }

    /**
     * Validates and loads settings, as KNIME does when a dialog is applied or a workflow loaded: a failure that is
     * not an InvalidSettingsException is a coding issue, as KNIME's Node.validateSettings reports it.
     */
    public static void load(final ModeConnNodeModel<?> m, final NodeSettings s) throws InvalidSettingsException {
        NodeParameters p;
        try {
            p = NodeParametersUtil.loadSettings(s, m.parametersClass());
            p.validate();
        } catch (RuntimeException e) {
            throw new InvalidSettingsException("Coding issue: " + e.getMessage(), e);
        }
        m.useParameters(p);
    }

    /** Saves the current parameters and loads them back (what applying a dialog does). */
    public static void apply(final ModeConnNodeModel<?> m) throws InvalidSettingsException {
        load(m, save(m));
    }

    /** The warning the node's last configure or execute handed to KNIME, if any. */
    public static String warning(final ModeConnNodeModel<?> m) {
        return WARNINGS.get(m);
    }
}
