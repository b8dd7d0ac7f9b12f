package org.modeconn.engine.train;

import org.modeconn.engine.InvalidInputException;

/** Validation shared by the settings records: an out-of-range value is a user error with its fix. */
final class Settings {

    private Settings() {
    }

    static void require(boolean ok, String what, String fix) {
        if (!ok) {
            throw new InvalidInputException(what + " is out of range.", fix);
        }
    }
}
