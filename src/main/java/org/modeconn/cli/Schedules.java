package org.modeconn.cli;

import java.util.Locale;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.train.LearningRateSchedule;

/** The text forms of learning-rate schedules on the command line. */
final class Schedules {

    /** The help text of --schedule. */
    static final String HELP = "Learning-rate schedule: reference (the paper's), constant, step:EVERY:GAMMA, "
        + "cosine[:MIN], cyclic:CYCLE_EPOCHS:LR1:LR2. Default: ${DEFAULT-VALUE}.";

    private Schedules() {
    }

    /** Parses the --schedule forms. */
    static LearningRateSchedule parse(String text) {
        String[] p = text.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            switch (p[0]) {
                case "reference":
                    return new LearningRateSchedule.Reference();
                case "constant":
                    return new LearningRateSchedule.Constant();
                case "step":
                    return new LearningRateSchedule.Step(Integer.parseInt(p[1]), Double.parseDouble(p[2]));
                case "cosine":
                    return new LearningRateSchedule.Cosine(p.length > 1 ? Double.parseDouble(p[1]) : 0);
                case "cyclic":
                    return new LearningRateSchedule.Cyclic(Double.parseDouble(p[2]), Double.parseDouble(p[3]),
                        Integer.parseInt(p[1]), 0);
                default:
                    break;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // fall through to the message below
        }
        throw new InvalidInputException("The schedule '" + text + "' is not understood.",
            "Use reference, constant, step:EVERY:GAMMA, cosine[:MIN] or cyclic:CYCLE_EPOCHS:LR1:LR2.");
    }
}
