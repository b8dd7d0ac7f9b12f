package org.knime.core.node.port;

/** KNIME API subset: the type of a port, defined by its port object class. */
public final class PortType {
    private final Class<? extends PortObject> m_objectClass;
    private final boolean m_optional;

    PortType(final Class<? extends PortObject> objectClass, final boolean optional) {
        m_objectClass = objectClass;
        m_optional = optional;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public boolean isOptional() {
        return m_optional;
    }

    public boolean acceptsPortObject(final PortObject obj) {
        return obj != null && m_objectClass.isInstance(obj);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PortType t && t.m_objectClass == m_objectClass && t.m_optional == m_optional;
    }

    @Override
    public int hashCode() {
        return m_objectClass.hashCode() * 2 + (m_optional ? 1 : 0);
    }

    @Override
    public String toString() {
        return m_objectClass.getSimpleName() + (m_optional ? " (optional)" : "");
    }
}
