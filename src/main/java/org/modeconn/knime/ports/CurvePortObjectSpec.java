package org.modeconn.knime.ports;

import java.io.IOException;

import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;

/** The spec of a curve port: its type, bends, the architecture of its points and provenance, without weights. */
public final class CurvePortObjectSpec extends ModelPortSpec {

    /** The kind of model this spec describes. */
    public static final String KIND = "curve";

    /** @param description a description of kind {@value #KIND} */
    public CurvePortObjectSpec(final ModelDescription description) {
        super(description, KIND);
    }

    /** Saves and loads the spec as JSON (registered in plugin.xml). */
    public static final class Serializer extends PortObjectSpecSerializer<CurvePortObjectSpec> {
        @Override
        public void savePortObjectSpec(final CurvePortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            write(spec, out);
        }

        @Override
        public CurvePortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            return new CurvePortObjectSpec(read(in, KIND));
        }
    }
}
