package org.knime.core.node.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** KNIME API subset: builds a {@link Message}. */
public final class MessageBuilder {
    private String m_summary;
    private final List<String> m_resolutions = new ArrayList<>();

    MessageBuilder() {
    }

    public Optional<String> getSummary() {
        return Optional.ofNullable(m_summary);
    }

    public MessageBuilder withSummary(final String summary) {
        m_summary = summary;
        return this;
    }

    public MessageBuilder addResolutions(final String... res) {
        for (String r : res) {
            m_resolutions.add(Objects.requireNonNull(r));
        }
        return this;
    }

    public Optional<Message> build() {
        return m_summary == null ? Optional.empty() : Optional.of(new Message(m_summary, m_resolutions));
    }
}
