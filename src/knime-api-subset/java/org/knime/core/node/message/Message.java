package org.knime.core.node.message;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;

/** KNIME API subset: a user-facing message, a summary with resolutions. */
public final class Message {
    private final String m_summary;
    private final List<String> m_resolutions;

    Message(final String summary, final List<String> resolutions) {
        m_summary = summary;
        m_resolutions = List.copyOf(resolutions);
    }

    public static MessageBuilder builder() {
        return new MessageBuilder();
    }

    public static Message fromSummary(final String summary) {
        return new Message(summary, List.of());
    }

    public static Message fromSummaryWithResolution(final String summary, final String... res) {
        return new Message(summary, List.of(res));
    }

    public InvalidSettingsException toInvalidSettingsException() {
        return new InvalidSettingsException(m_summary + (m_resolutions.isEmpty() ? "" : " " + String.join(" ", m_resolutions)));
    }

    public KNIMEException toKNIMEException() {
        return KNIMEException.of(this);
    }

    public KNIMEException toKNIMEException(final Throwable cause) {
        return KNIMEException.of(this, cause);
    }

    public String getSummary() {
        return m_summary;
    }

    public List<String> getResolutions() {
        return m_resolutions;
    }
}
