package org.knime.core.webui.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * KNIME API subset: provides a view page's initial data, as {@code {"result": ...}}. As in KNIME, a supplier's
 * String is taken as the JSON itself.
 */
public final class InitialDataService<D> {
    private final Supplier<D> m_dataSupplier;
    private final Serializer<D> m_serializer;

    private InitialDataService(final InitialDataServiceBuilder<D> builder) {
        m_dataSupplier = builder.m_dataSupplier;
        m_serializer = builder.m_serializer;
    }

    /** Subset: KNIME wraps the serialised data as {@code {"result": data}} (and reports errors beside it). */
    public String getInitialData() {
        D data = m_dataSupplier.get();
        try {
            String text = m_serializer != null ? m_serializer.serialize(data) : (String)data;
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            try {
                root.set("result", mapper.readTree(text));
            } catch (JsonProcessingException e) {
                // As in KNIME: what is not JSON is sent as a string.
                root.put("result", text);
            }
            return root.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <D> InitialDataServiceBuilder<D> builder(final Supplier<D> dataSupplier) {
        return new InitialDataServiceBuilder<>(dataSupplier);
    }

    public static final class InitialDataServiceBuilder<D> {
        private final Supplier<D> m_dataSupplier;
        private Serializer<D> m_serializer;

        private InitialDataServiceBuilder(final Supplier<D> dataSupplier) {
            m_dataSupplier = dataSupplier;
        }

        public InitialDataServiceBuilder<D> serializer(final Serializer<D> serializer) {
            m_serializer = serializer;
            return this;
        }

        public InitialDataService<D> build() {
            return new InitialDataService<>(this);
        }
    }

    @FunctionalInterface
    public interface Serializer<D> {
        String serialize(D obj) throws IOException;
    }
}
