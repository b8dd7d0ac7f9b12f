package org.knime.core.data.filestore;

import java.io.File;

/** KNIME API subset: a file owned by the workflow, created by ExecutionContext#createFileStore. */
public final class FileStore {
    private final File m_file;

    private FileStore(final File file) {
        m_file = file;
    }

    /** Subset only: KNIME creates file stores itself. */
    public static FileStore subsetCreate(final File file) {
        return new FileStore(file);
    }

    public File getFile() {
        return m_file;
    }

    @Override
    public String toString() {
        return m_file.getName();
    }
}
