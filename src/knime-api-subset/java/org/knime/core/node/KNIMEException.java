package org.knime.core.node;

import org.knime.core.node.message.Message;

/** KNIME API subset: a node execution failure with a rich message. */
public final class KNIMEException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Message m_message;

    public KNIMEException(final String message) {
        this(message, (Throwable)null);
    }

    public KNIMEException(final String message, final Throwable cause) {
        super(message, cause);
        m_message = Message.fromSummary(message);
    }

    private KNIMEException(final Message message, final Throwable cause) {
        super(message.getSummary(), cause);
        m_message = message;
    }

    public static KNIMEException of(final Message message) {
        return new KNIMEException(message, null);
    }

    public static KNIMEException of(final Message message, final Throwable cause) {
        return new KNIMEException(message, cause);
    }

    public Message getKNIMEMessage() {
        return m_message;
    }
}
