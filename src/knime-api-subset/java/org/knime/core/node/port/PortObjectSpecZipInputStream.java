package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** KNIME API subset: the zip stream a serializer writes or reads. */
public class PortObjectSpecZipInputStream extends ZipInputStream {
    /** Subset only: KNIME creates these streams itself. */
    public PortObjectSpecZipInputStream(final InputStream instream) {
        super(instream);
    }
}
