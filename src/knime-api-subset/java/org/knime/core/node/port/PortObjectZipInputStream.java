package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** KNIME API subset: the zip stream a serializer writes or reads. */
public class PortObjectZipInputStream extends ZipInputStream {
    /** Subset only: KNIME creates these streams itself. */
    public PortObjectZipInputStream(final InputStream instream) {
        super(instream);
    }
}
