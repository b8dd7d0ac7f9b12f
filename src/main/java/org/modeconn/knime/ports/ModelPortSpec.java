package org.modeconn.knime.ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.record.Json;

/**
 * The spec of a network, curve or ensemble port: a {@link ModelDescription}, known at configure time and
 * saved as one JSON zip entry.
 */
public abstract class ModelPortSpec implements PortObjectSpec {

    private static final String ENTRY = "model-description.json";

    private final ModelDescription m_description;

    /** @param description what the port carries; its kind must match the subclass */
    protected ModelPortSpec(final ModelDescription description, final String kind) {
        m_description = Objects.requireNonNull(description);
        if (!kind.equals(description.kind())) {
            throw new IllegalArgumentException("a " + description.kind() + " description for a " + kind + " port");
        }
    }

    /** Architecture, inputs, classes, shape and provenance. */
    public ModelDescription description() {
        return m_description;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[] {ModelSummaryView.create(m_description)};
    }

    /** Equal when their JSON is: a spec read back from a workflow equals the one saved. */
    @Override
    public boolean equals(final Object o) {
        return o != null && o.getClass() == getClass() && ((ModelPortSpec)o).json().equals(json());
    }

    @Override
    public int hashCode() {
        return json().hashCode();
    }

    private String json() {
        try {
            return Json.MAPPER.writeValueAsString(m_description);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return m_description.summary();
    }

    /** Writes the description as the spec's one zip entry (the serializers of the three spec classes). */
    static void write(final ModelPortSpec spec, final ZipOutputStream out) throws IOException {
        out.putNextEntry(new ZipEntry(ENTRY));
        Json.MAPPER.writeValue(nonClosing(out), spec.m_description);
        out.closeEntry();
    }

    /** Reads what {@link #write} wrote, with a message naming the problem when it cannot. */
    static ModelDescription read(final ZipInputStream in, final String kind) throws IOException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !ENTRY.equals(entry.getName())) {
            throw new IOException("The saved " + kind + " port spec has no '" + ENTRY + "' entry (found "
                + (entry == null ? "none" : "'" + entry.getName() + "'") + "): the workflow was not saved by this "
                + "extension or is damaged. Re-execute the node that made it.");
        }
        ModelDescription d = Json.MAPPER.readValue(nonClosing(in), ModelDescription.class);
        if (!kind.equals(d.kind())) {
            throw new IOException("The saved port spec describes a " + d.kind() + ", not a " + kind + ".");
        }
        return d;
    }

    private static OutputStream nonClosing(final OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(final byte[] b, final int off, final int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static InputStream nonClosing(final InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // The zip stream belongs to KNIME.
            }
        };
    }
}
