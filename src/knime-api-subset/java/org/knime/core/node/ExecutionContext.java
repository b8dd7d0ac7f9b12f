package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.FileStore;

/** KNIME API subset: an execution's progress, tables and file stores. */
public class ExecutionContext extends ExecutionMonitor {
    private final File m_fileStoreDir;
    private final Set<String> m_names = new HashSet<>();

    /** Subset only: file stores go to a temporary folder. */
    public ExecutionContext() {
        try {
            m_fileStoreDir = Files.createTempDirectory("knime-subset-filestores").toFile();
            // Deleted when the test JVM ends; registered before its files, so that they go first.
            m_fileStoreDir.deleteOnExit();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public FileStore createFileStore(final String relativePath) throws IOException {
        if (relativePath.startsWith(".") || relativePath.contains("/") || !m_names.add(relativePath)) {
            throw new IOException("Invalid or duplicate file store name: " + relativePath);
        }
        File file = new File(m_fileStoreDir, relativePath);
        file.deleteOnExit();
        return FileStore.subsetCreate(file);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }
}
