package org.modeconn.engine.curve;

import java.util.Locale;
import org.modeconn.engine.InvalidInputException;

/** The curve families of the paper. */
public enum CurveType {
    /** Bezier curve: Bernstein polynomials of degree n−1 (n = 3: the quadratic curve of the paper). */
    BEZIER,
    /** Polygonal chain: straight segments through the bends (n = 3: one bend). */
    POLYCHAIN;

    /** Reads "bezier" or "polychain" in any case. */
    public static CurveType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("The curve type '" + text + "' is not known.",
                "Use bezier or polychain.");
        }
    }

    /** The lower-case name used on the command line and in files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
