package org.modeconn.knime.node;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.message.Message;
import org.modeconn.engine.InvalidInputException;

/** Turns the engine's problem-and-fix exceptions into KNIME's rich messages, for configure and execute. */
public final class NodeMessages {

    private NodeMessages() {
    }

    /** A configure-time problem with its fixes, shown in the node's error message. */
    public static InvalidSettingsException invalidSettings(final String problem, final String... fixes) {
        return message(problem, fixes).toInvalidSettingsException();
    }

    /** The same for an engine exception met in configure. */
    public static InvalidSettingsException invalidSettings(final InvalidInputException e) {
        return message(e.problem(), e.resolutions().toArray(String[]::new)).toInvalidSettingsException();
    }

    /** An execution failure with its fixes. */
    public static KNIMEException executionFailure(final InvalidInputException e) {
        return KNIMEException.of(message(e.problem(), e.resolutions().toArray(String[]::new)), e);
    }

    private static Message message(final String problem, final String... fixes) {
        return Message.builder().withSummary(problem).addResolutions(fixes).build().orElseThrow();
    }
}
