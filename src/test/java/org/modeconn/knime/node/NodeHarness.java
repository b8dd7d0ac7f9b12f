package org.modeconn.knime.node;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParameters;

/** Drives a node model as KNIME does (settings, configure, execute), for tests in any package. */
public final class NodeHarness {

    private NodeHarness() {
    }

    /** configure, as KNIME calls it. */
    public static PortObjectSpec[] configure(final ModeConnNodeModel<?> m, final PortObjectSpec... in)
        throws InvalidSettingsException {
        return m.configure(in);
    }

    /** execute, as KNIME calls it. */
    public static PortObject[] execute(final ModeConnNodeModel<?> m, final ExecutionContext exec,
        final PortObject... in) throws Exception {
        return m.execute(in, exec);
    }

    /** The node's settings as KNIME saves them. */
    public static NodeSettings save(final ModeConnNodeModel<?> m) {
        NodeSettings s = new NodeSettings("model");
        m.saveSettingsTo(s);
        return s;
    }

    /** Validates and loads settings, as KNIME does when a dialog is applied or a workflow loaded. */
    public static void load(final ModeConnNodeModel<?> m, final NodeSettings s) throws InvalidSettingsException {
        m.validateSettings(s);
        m.loadValidatedSettingsFrom(s);
    }

    /** Saves the current parameters and loads them back (what applying a dialog does). */
    public static <P extends NodeParameters> void apply(final ModeConnNodeModel<P> m) throws InvalidSettingsException {
        load(m, save(m));
    }

    /** The warning the node set, if any. */
    public static String warning(final ModeConnNodeModel<?> m) {
        return m.subsetWarning();
    }

    /** A factory's definition. */
    public static NodeDefinition<?> definition(final ModeConnNodeFactory<?> f) {
        return f.definition();
    }
}
