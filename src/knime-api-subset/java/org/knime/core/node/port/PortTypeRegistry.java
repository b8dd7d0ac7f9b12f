package org.knime.core.node.port;

/** KNIME API subset: looks up port types (KNIME reads them from the org.knime.core.PortType extension point). */
public final class PortTypeRegistry {
    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private PortTypeRegistry() {
    }

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    public PortType getPortType(final Class<? extends PortObject> portClass) {
        return getPortType(portClass, false);
    }

    public PortType getPortType(final Class<? extends PortObject> portClass, final boolean isOptional) {
        return new PortType(portClass, isOptional);
    }
}
