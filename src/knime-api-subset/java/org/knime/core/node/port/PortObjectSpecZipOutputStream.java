package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** KNIME API subset: the zip stream a serializer writes or reads. */
public class PortObjectSpecZipOutputStream extends ZipOutputStream {
    /** Subset only: KNIME creates these streams itself. */
    public PortObjectSpecZipOutputStream(final OutputStream outstream) {
        super(outstream);
    }
}
