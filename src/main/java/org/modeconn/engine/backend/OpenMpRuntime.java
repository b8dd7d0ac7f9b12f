package org.modeconn.engine.backend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The OpenMP runtime that ND4J's and oneDNN's native kernels share (GNU's libgomp, loaded from ND4J's
 * natives), reached to set the size of the teams a Java thread starts. OpenMP keeps that number per calling
 * thread, so each run's thread sets its own share of the cores without touching other runs.
 */
final class OpenMpRuntime {

    /** The OpenMP functions used. */
    interface OpenMp extends Library {
        void omp_set_num_threads(int n);

        int omp_get_max_threads();
    }

    private static final Object LOCK = new Object();
    private static volatile OpenMpRuntime loaded;
    private static String failure;

    private final OpenMp library;
    private final String where;
    private final ThreadLocal<int[]> setHere = ThreadLocal.withInitial(() -> new int[] {0});

    private OpenMpRuntime(OpenMp library, String where) {
        this.library = library;
        this.where = where;
    }

    /**
     * The runtime the native kernels loaded, or empty with {@link #whyUnavailable()}: asked after ND4J is
     * initialised, so that the library found is the one already in the process, never a second copy.
     */
    static Optional<OpenMpRuntime> find() {
        OpenMpRuntime r = loaded;
        if (r != null) {
            return Optional.of(r);
        }
        synchronized (LOCK) {
            if (loaded == null && failure == null) {
                try {
                    Optional<String> path = mappedLibrary("libgomp");
                    String name = path.orElse(Platform.isWindows() ? "libgomp-1" : "gomp");
                    loaded = new OpenMpRuntime(Native.loadLibrary(name, OpenMp.class), name);
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    failure = "no OpenMP runtime found to set threads per run (" + e.getMessage() + ")";
                }
            }
            return Optional.ofNullable(loaded);
        }
    }

    /** Why {@link #find()} is empty, or null. */
    static String whyUnavailable() {
        synchronized (LOCK) {
            return failure;
        }
    }

    /** Sets the team size of parallel regions the calling thread starts from now on. */
    void setThreadsOfCurrentThread(int n) {
        int[] current = setHere.get();
        if (current[0] != n) {
            library.omp_set_num_threads(n);
            current[0] = n;
        }
    }

    /** The team size a parallel region started by the calling thread would have. */
    int threadsOfCurrentThread() {
        return library.omp_get_max_threads();
    }

    /** Where the runtime was loaded from. */
    String where() {
        return where;
    }

    /**
     * The path of the first shared library mapped into this process whose file name starts with {@code prefix}
     * (Linux's /proc/self/maps); empty elsewhere or when none is.
     */
    static Optional<String> mappedLibrary(String prefix) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.indexOf('/') >= 0 ? l.substring(l.indexOf('/')).trim() : "")
                .filter(p -> Path.of(p.isEmpty() ? "/" : p).getFileName() != null
                    && Path.of(p).getFileName().toString().startsWith(prefix) && p.contains(".so"))
                .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
