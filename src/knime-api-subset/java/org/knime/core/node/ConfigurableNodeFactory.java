package org.knime.core.node;

/** KNIME API subset: a node factory whose ports are configured by port groups. */
public abstract class ConfigurableNodeFactory<T extends NodeModel> extends NodeFactory<T> {
    protected ConfigurableNodeFactory() {
    }

    protected ConfigurableNodeFactory(final boolean lazyInitialization) {
    }
}
