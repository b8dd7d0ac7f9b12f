package org.knime.core.node;

/** KNIME API subset: thrown when the user cancelled an execution. */
public class CanceledExecutionException extends Exception {
    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super();
    }

    public CanceledExecutionException(final String s) {
        super(s);
    }
}
