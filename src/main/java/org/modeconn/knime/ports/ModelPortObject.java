package org.modeconn.knime.ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.swing.JComponent;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStorePortObject;
import org.modeconn.engine.InvalidInputException;

/**
 * A model at a port: the small {@link ModelPortSpec} in the workflow, the weights in a KNIME file store in
 * this project's model file format, read lazily the first time a node needs them (as KNIME's deep-learning
 * integration does), so that workflows with large models open quickly.
 *
 * @param <M> the engine's model type
 * @param <S> the spec type
 */
public abstract class ModelPortObject<M, S extends ModelPortSpec> extends FileStorePortObject {

    private static final String MARKER_ENTRY = "model-port.json";

    private static final String MARKER = "{\"format\":1}";

    private S m_spec;

    private volatile M m_model;

    /** At execution: writes {@code model} to {@code store} right away, so nothing is lost if KNIME dies. */
    protected ModelPortObject(final S spec, final M model, final FileStore store) throws IOException {
        super(List.of(store));
        m_spec = Objects.requireNonNull(spec);
        m_model = Objects.requireNonNull(model);
        Path file = store.getFile().toPath();
        Files.createDirectories(file.toAbsolutePath().getParent());
        // An engine failure (a full disk, say) stays an InvalidInputException: the node shows it with its fixes.
        write(model, file);
    }

    /** When loading: the spec now, the weights on first use. */
    protected ModelPortObject(final S spec) {
        m_spec = Objects.requireNonNull(spec);
    }

    /** Writes the model to a file of this project's format. */
    protected abstract void write(M model, Path file);

    /** Reads and verifies the model file. */
    protected abstract M read(Path file);

    /**
     * The model, read from the file store on first use and kept. A damaged or missing file gives an
     * {@link InvalidInputException} that says to re-execute the node that made it.
     */
    public final M model() {
        M m = m_model;
        if (m == null) {
            synchronized (this) {
                m = m_model;
                if (m == null) {
                    Path file = getFileStore(0).getFile().toPath();
                    if (!Files.isRegularFile(file)) {
                        throw new InvalidInputException("The " + m_spec.description().kind() + " at this port has no "
                            + "weights file (" + file + ").",
                            "Re-execute the node that produced it; the workflow may have been saved without data.");
                    }
                    m = read(file);
                    m_model = m;
                }
            }
        }
        return m;
    }

    /** Whether the weights have been read (for tests of lazy loading). */
    public final boolean isLoaded() {
        return m_model != null;
    }

    @Override
    public S getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        return m_spec.description().summary();
    }

    @Override
    public JComponent[] getViews() {
        return m_spec.getViews();
    }

    /** Writes the serializer's small entry; the weights are KNIME's file store, saved by KNIME. */
    static void writeMarker(final ZipOutputStream out) throws IOException {
        out.putNextEntry(new ZipEntry(MARKER_ENTRY));
        out.write(MARKER.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** Checks the serializer's entry; a wrong one means a workflow this version cannot read. */
    static void readMarker(final ZipInputStream in, final String kind) throws IOException {
        ZipEntry e = in.getNextEntry();
        if (e == null || !MARKER_ENTRY.equals(e.getName())) {
            throw new IOException("The saved " + kind + " port has no '" + MARKER_ENTRY + "' entry: the workflow "
                + "was not saved by this extension or is damaged. Re-execute the node that made it.");
        }
        String content = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!MARKER.equals(content)) {
            throw new IOException("The saved " + kind + " port is of a newer format (" + content + ") than this "
                + "version of the Mode Connectivity extension reads. Update the extension.");
        }
    }

    /** @param spec the port's spec, of the expected class */
    static <T extends ModelPortSpec> T specAs(final Object spec, final Class<T> type) throws IOException {
        if (!type.isInstance(spec)) {
            throw new IOException("Expected a " + type.getSimpleName() + " but the saved spec is "
                + (spec == null ? "missing" : spec.getClass().getSimpleName()) + ".");
        }
        return type.cast(spec);
    }
}
