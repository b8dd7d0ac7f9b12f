package org.modeconn.engine.backend;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    }

    private static final Object LOCK = new Object();
    private static volatile OpenMpRuntime loaded;
    private static String failure;

    private final List<OpenMp> copies;
    private final ThreadLocal<int[]> setHere = ThreadLocal.withInitial(() -> new int[] {0});

    private OpenMpRuntime(List<OpenMp> copies) {
        this.copies = copies;
    }

    /**
     * The runtime the native kernels loaded, or empty with {@link #whyUnavailable()}: asked after ND4J is
     * initialised. On Linux every copy of libgomp mapped into the process is used (another library may have brought
     * its own) and none is ever loaded anew: a copy the kernels do not use would take the setting and change nothing.
     * On Windows the loader hands out the copy already loaded by its name.
     */
    static Optional<OpenMpRuntime> find() {
        OpenMpRuntime r = loaded;
        if (r != null) {
            return Optional.of(r);
        }
        synchronized (LOCK) {
            if (loaded == null && failure == null) {
                try {
                    List<String> paths = mappedLibraries("libgomp");
                    if (!paths.isEmpty()) {
                        List<OpenMp> copies = new ArrayList<>();
                        for (String path : paths) {
                            copies.add(Native.loadLibrary(path, OpenMp.class));
                        }
                        loaded = new OpenMpRuntime(copies);
                    } else if (Platform.isWindows()) {
                        loaded = new OpenMpRuntime(List.of(Native.loadLibrary("libgomp-1", OpenMp.class)));
                    } else {
                        failure = "threads not set per run: no OpenMP runtime (libgomp) is loaded in this process";
                    }
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    failure = "threads not set per run: the OpenMP runtime could not be reached (" + e.getMessage() + ")";
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
            for (OpenMp copy : copies) {
                copy.omp_set_num_threads(n);
            }
            current[0] = n;
        }
    }

    /**
     * The path of the first shared library mapped into this process whose file name starts with {@code prefix}
     * (Linux's /proc/self/maps); empty elsewhere or when none is.
     */
    static Optional<String> mappedLibrary(String prefix) {
        return mappedLibraries(prefix).stream().findFirst();
    }

    /** The distinct paths of the shared libraries mapped into this process whose file names start with {@code prefix}. */
    static List<String> mappedLibraries(String prefix) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.indexOf('/') >= 0 ? l.substring(l.indexOf('/')).trim() : "")
                .filter(p -> !p.isEmpty() && p.contains(".so") && Path.of(p).getFileName() != null
                    && Path.of(p).getFileName().toString().startsWith(prefix))
                .distinct().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
