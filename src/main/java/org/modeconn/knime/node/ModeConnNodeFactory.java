package org.modeconn.knime.node;

import org.knime.node.DefaultNodeFactory;

/**
 * The factory of every node here, on KNIME's current node API ({@link DefaultNodeFactory}, as knime-base's
 * newest nodes): model, web dialog, view and description all come from the node's {@link NodeDefinition}.
 */
public abstract class ModeConnNodeFactory extends DefaultNodeFactory {

    private final NodeDefinition<?> m_definition;

    /** @param definition the node (a constant of the subclass) */
    protected ModeConnNodeFactory(final NodeDefinition<?> definition) {
        super(definition.toNode());
        m_definition = definition;
    }

    /** The node's definition (for tests and the documentation). */
    public final NodeDefinition<?> definition() {
        return m_definition;
    }
}
