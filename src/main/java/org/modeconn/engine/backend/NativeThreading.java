package org.modeconn.engine.backend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Sets the OpenMP wait policy of ND4J's native library before it loads. With OpenMP's default
 * (threads spin while waiting) ND4J's OpenMP pool and OpenBLAS's own threads fight over the cores and a
 * 2-core training epoch runs 2–5 times slower; passive waiting removes that. The variable is only set
 * when the user has not set it, and only affects OpenMP runtimes that start after it.
 */
final class NativeThreading {

    static final String WAIT_POLICY = "OMP_WAIT_POLICY";

    /** The C library's environment functions. */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** The Windows C runtime's environment function. */
    interface MsvcRuntime extends Library {
        int _putenv(String assignment);
    }

    private NativeThreading() {
    }

    /**
     * Sets OMP_WAIT_POLICY=PASSIVE for this process unless it is set; returns the policy really in force. OpenMP
     * reads the variable once, when its runtime loads: where another library of the process (another KNIME
     * extension) loaded it first, the variable set now changes nothing, and the answer says what holds instead.
     */
    static String preferPassiveWaiting() {
        String current = System.getenv(WAIT_POLICY);
        if (current != null) {
            return WAIT_POLICY + "=" + current + " (set by the user)";
        }
        var started = OpenMpRuntime.mappedLibrary("libgomp");
        if (started.isPresent()) {
            return "OpenMP's default waiting (spin, then sleep): its runtime was loaded before " + WAIT_POLICY
                + " could be set (" + started.get() + ")";
        }
        String failure = setEnvironment(WAIT_POLICY, "PASSIVE");
        return failure == null ? WAIT_POLICY + "=PASSIVE" : "OpenMP's default waiting (spin, then sleep): " + WAIT_POLICY
            + " could not be set (" + failure + ")";
    }

    /**
     * Sets an environment variable of this process where native libraries read it (Java's own view of the
     * environment does not change), unless it is set; returns null, or why it could not be set.
     */
    static String setEnvironment(String name, String value) {
        try {
            if (Platform.isWindows()) {
                Native.loadLibrary("msvcrt", MsvcRuntime.class)._putenv(name + "=" + value);
            } else {
                Native.loadLibrary("c", CLibrary.class).setenv(name, value, 0);
            }
            return null;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return e.getMessage();
        }
    }
}
