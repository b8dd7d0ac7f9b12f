package org.knime.core.node;

/** KNIME API subset: a node's description (name, ports, options). */
public abstract class NodeDescription {
    protected NodeDescription() {
    }

    public abstract String getNodeName();

    public abstract String getIconPath();

    public abstract String getInportName(int index);

    public abstract String getOutportName(int index);

    /** Subset only: a description of these names, with its port names by index; {@code toString} as given. */
    public static NodeDescription subsetOf(final String name, final String icon,
        final java.util.function.IntFunction<String> inPorts, final java.util.function.IntFunction<String> outPorts,
        final String toString) {
        return new NodeDescription() {
            @Override
            public String getNodeName() {
                return name;
            }

            @Override
            public String getIconPath() {
                return icon;
            }

            @Override
            public String getInportName(final int index) {
                return inPorts.apply(index);
            }

            @Override
            public String getOutportName(final int index) {
                return outPorts.apply(index);
            }

            @Override
            public String toString() {
                return toString;
            }
        };
    }
}
