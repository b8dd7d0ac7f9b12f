package org.knime.core.data.filestore;

import java.io.IOException;
import java.util.List;

import org.knime.core.node.port.PortObject;

/**
 * KNIME API subset: a port object whose payload lives in file stores. KNIME calls {@link #flushToFileStore()}
 * after execute and {@link #postConstruct()} after loading, once the file stores are attached.
 */
public abstract class FileStorePortObject implements PortObject {
    private List<FileStore> m_fileStores;

    protected FileStorePortObject(final List<FileStore> fileStores) {
        m_fileStores = List.copyOf(fileStores);
    }

    protected FileStorePortObject() {
    }

    protected void postConstruct() throws IOException {
    }

    protected void flushToFileStore() throws IOException {
    }

    protected int getFileStoreCount() {
        return m_fileStores == null ? 0 : m_fileStores.size();
    }

    protected FileStore getFileStore(final int index) {
        if (m_fileStores == null) {
            throw new IllegalStateException("File stores not attached yet: use postConstruct()");
        }
        return m_fileStores.get(index);
    }

    /**
     * Subset only: what KNIME does on save and load: flush the source, then attach its file stores to the
     * freshly deserialised copy and call postConstruct.
     */
    public static void subsetTransfer(final FileStorePortObject source, final FileStorePortObject copy)
        throws IOException {
        source.flushToFileStore();
        copy.m_fileStores = source.m_fileStores;
        copy.postConstruct();
    }
}
