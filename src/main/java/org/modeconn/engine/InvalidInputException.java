package org.modeconn.engine;

import java.util.List;

/**
 * A problem with what the user gave (a file, a table, a setting) that the user can fix: it carries the
 * problem and the fixes separately so that the command line and the KNIME nodes can show both.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final List<String> resolutions;

    /**
     * @param problem what is wrong, naming the file, line, column or setting
     * @param resolutions what the user can do about it, one sentence each
     */
    public InvalidInputException(String problem, String... resolutions) {
        this(problem, null, resolutions);
    }

    /** As {@link #InvalidInputException(String, String...)}, keeping the low-level cause for the log. */
    public InvalidInputException(String problem, Throwable cause, String... resolutions) {
        super(compose(problem, resolutions), cause);
        this.problem = problem;
        this.resolutions = List.of(resolutions);
    }

    private static String compose(String problem, String[] resolutions) {
        if (resolutions.length == 0) {
            return problem;
        }
        return problem + " " + String.join(" ", resolutions);
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** What the user can do about it. */
    public List<String> resolutions() {
        return resolutions;
    }
}
