package org.modeconn.engine;

/**
 * Turns running out of memory into a message that says which memory ran out and which setting to raise,
 * instead of a stack trace (or a later {@code NoClassDefFoundError} from a half-initialised class).
 */
public final class OutOfMemoryMessages {

    private OutOfMemoryMessages() {
    }

    /** The problem and the fixes for an {@link OutOfMemoryError} met while working. */
    public static InvalidInputException explain(OutOfMemoryError e) {
        String m = String.valueOf(e.getMessage());
        long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        if (m.contains("Cannot allocate") || m.contains("Physical memory usage is too high")
            || m.contains("maxbytes") || m.contains("physicalBytes")) {
            return new InvalidInputException("Out of native memory for ND4J's arrays (" + abbreviate(m) + ").", e,
                "Raise the limit with -Dorg.bytedeco.javacpp.maxbytes=16G and -Dorg.bytedeco.javacpp.maxphysicalbytes=20G "
                    + "(in KNIME: add them to knime.ini below -vmargs), within the machine's memory.",
                "Or use a smaller batch size, a smaller network, or fewer curve bends.");
        }
        return new InvalidInputException("Out of Java heap memory (the limit is " + maxHeapMb + " MB: " + abbreviate(m)
            + ").", e, "Raise the heap with -Xmx (in KNIME: -Xmx in knime.ini), within the machine's memory.",
            "Or give smaller tables (sample rows) or fewer points and grid cells.");
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
