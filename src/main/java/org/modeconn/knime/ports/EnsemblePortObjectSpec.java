package org.modeconn.knime.ports;

import java.io.IOException;

import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;

/** The spec of an ensemble port: its method, member count, architecture and provenance, without weights. */
public final class EnsemblePortObjectSpec extends ModelPortSpec {

    /** The kind of model this spec describes. */
    public static final String KIND = "ensemble";

    /** @param description a description of kind {@value #KIND} */
    public EnsemblePortObjectSpec(final ModelDescription description) {
        super(description, KIND);
    }

    /** Saves and loads the spec as JSON (registered in plugin.xml). */
    public static final class Serializer extends PortObjectSpecSerializer<EnsemblePortObjectSpec> {
        @Override
        public void savePortObjectSpec(final EnsemblePortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            write(spec, out);
        }

        @Override
        public EnsemblePortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            return new EnsemblePortObjectSpec(read(in, KIND));
        }
    }
}
