package org.modeconn.cli;

import org.modeconn.engine.train.LearningRateSchedule;

/** The text forms of learning-rate schedules on the command line. */
final class Schedules {

    /** The help text of --schedule. */
    static final String HELP = "Learning-rate schedule: " + LearningRateSchedule.FORMS + ". Default: ${DEFAULT-VALUE}.";

    private Schedules() {
    }

    /** Parses the --schedule forms. */
    static LearningRateSchedule parse(String text) {
        return LearningRateSchedule.parse(text);
    }
}
