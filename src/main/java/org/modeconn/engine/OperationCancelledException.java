package org.modeconn.engine;

/** Thrown when the user cancelled a long operation; whatever the operation was writing is left untouched. */
public class OperationCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message where the operation stopped */
    public OperationCancelledException(String message) {
        super(message);
    }
}
