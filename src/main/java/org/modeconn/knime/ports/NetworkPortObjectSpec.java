package org.modeconn.knime.ports;

import java.io.IOException;

import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;

/** The spec of a network port: architecture, inputs, classes and provenance, without weights. */
public final class NetworkPortObjectSpec extends ModelPortSpec {

    /** The kind of model this spec describes. */
    public static final String KIND = "network";

    /** @param description a description of kind {@value #KIND} */
    public NetworkPortObjectSpec(final ModelDescription description) {
        super(description, KIND);
    }

    /** Saves and loads the spec as JSON (registered in plugin.xml). */
    public static final class Serializer extends PortObjectSpecSerializer<NetworkPortObjectSpec> {
        @Override
        public void savePortObjectSpec(final NetworkPortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            write(spec, out);
        }

        @Override
        public NetworkPortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            return new NetworkPortObjectSpec(read(in, KIND));
        }
    }
}
