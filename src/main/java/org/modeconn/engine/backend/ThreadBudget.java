package org.modeconn.engine.backend;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The cores of the machine, shared out to the runs in progress in this process. A run is a Java thread that
 * runs the engine's passes (a KNIME node executing, a worker of a plane or a curve evaluation): while it holds a
 * {@link Claim}, and for a moment after (between the steps of one training), it counts, and each gets an equal share of
 * the cores that other processes leave free. So two trainings at once on two cores use one thread each instead of two
 * each, and no native thread waits for a core another run needs. One run alone on an idle machine gets every core.
 */
public final class ThreadBudget {

    /** How long after its last pass a thread still counts as a run in progress (the gap between two steps). */
    static final long LINGER_NANOS = 1_000_000_000L;

    /** Sets native thread counts. */
    interface NativeThreads {
        /** Team size of the parallel regions the calling thread starts (OpenMP keeps it per thread). */
        void setForCurrentThread(int n);

        /** Threads of the libraries whose count is one for the whole process (OpenBLAS's own pool). */
        void setProcessWide(int n);
    }

    private static final ThreadBudget PROCESS = new ThreadBudget(Runtime.getRuntime().availableProcessors(),
        OutsideLoad.ofThisMachine(), new NativeLibraryThreads(), System::nanoTime);

    private final int cores;
    private final OutsideLoad outside;
    private final NativeThreads natives;
    private final LongSupplier clock;
    /** In order of arrival: the earliest runs get the cores that do not divide evenly. */
    private final Map<Thread, Run> runs = new LinkedHashMap<>();
    private int processWide;

    ThreadBudget(int cores, OutsideLoad outside, NativeThreads natives, LongSupplier clock) {
        this.cores = Math.max(1, cores);
        this.outside = outside;
        this.natives = natives;
        this.clock = clock;
    }

    /** The budget of this process's cores. */
    public static ThreadBudget ofThisProcess() {
        return PROCESS;
    }

    /** The cores it shares out. */
    public int cores() {
        return cores;
    }

    /**
     * Claims the calling thread's share for one pass and sets its native threads to it; {@code fixed} > 0 asks for
     * exactly that many instead (the run still counts for the others' shares). Close the claim when the pass ends.
     */
    public Claim claim(int fixed) {
        Thread me = Thread.currentThread();
        int threads;
        synchronized (this) {
            long now = clock.getAsLong();
            Run run = runs.computeIfAbsent(me, t -> new Run());
            run.passes++;
            run.last = now;
            prune(now);
            int free = Math.max(1, cores - outside.busyCores(now, cores));
            int active = runs.size();
            int rank = 0;
            for (Thread t : runs.keySet()) {
                if (t == me) {
                    break;
                }
                rank++;
            }
            threads = fixed > 0 ? fixed : Math.max(1, free / active + (rank < free % active ? 1 : 0));
            // OpenBLAS's count is one for the process: set under the lock, so that the last value computed is the
            // one in force
            int wide = fixed > 0 ? fixed : Math.max(1, free / active);
            try {
                if (wide != processWide) {
                    natives.setProcessWide(wide);
                    processWide = wide;
                }
            } catch (RuntimeException | Error e) {
                run.passes--;
                throw e;
            }
        }
        try {
            natives.setForCurrentThread(threads);
        } catch (RuntimeException | Error e) {
            release(me);
            throw e;
        }
        return new Claim(me, threads);
    }

    /**
     * What the budget cannot do here, for the backend line: set native threads per run (no OpenMP runtime found in the
     * process), or see other programs' load (the process may use only some of the CPUs). Empty where it does both;
     * known after a first claim.
     */
    public java.util.List<String> limits() {
        java.util.List<String> out = new java.util.ArrayList<>();
        String openMp = natives instanceof NativeLibraryThreads ? OpenMpRuntime.whyUnavailable() : null;
        if (openMp != null) {
            out.add(openMp);
        }
        String load = outside.whyUnmeasured();
        if (load != null) {
            out.add(load);
        }
        return out;
    }

    /** How many runs count as in progress now. */
    public synchronized int runsInProgress() {
        prune(clock.getAsLong());
        return runs.size();
    }

    private void prune(long now) {
        for (Iterator<Map.Entry<Thread, Run>> i = runs.entrySet().iterator(); i.hasNext();) {
            Map.Entry<Thread, Run> e = i.next();
            Run r = e.getValue();
            if (!e.getKey().isAlive() || (r.passes == 0 && now - r.last > LINGER_NANOS)) {
                i.remove();
            }
        }
    }

    private synchronized void release(Thread t) {
        Run run = runs.get(t);
        if (run != null) {
            run.passes = Math.max(0, run.passes - 1);
            run.last = clock.getAsLong();
        }
    }

    /** One thread's passes in progress and when it last ran one. */
    private static final class Run {
        int passes;
        long last;
    }

    /** A thread's share for one pass. */
    public final class Claim implements AutoCloseable {
        private final Thread thread;
        private final int threads;
        private boolean closed;

        private Claim(Thread thread, int threads) {
            this.thread = thread;
            this.threads = threads;
        }

        /** The native threads this pass runs on. */
        public int threads() {
            return threads;
        }

        /** Ends the pass; the thread keeps counting for a moment, until its next pass. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(thread);
            }
        }
    }

    /** Sets the counts in the native libraries of this process: libgomp per thread, OpenBLAS for all. */
    private static final class NativeLibraryThreads implements NativeThreads {
        @Override
        public void setForCurrentThread(int n) {
            OpenMpRuntime.find().ifPresent(r -> r.setThreadsOfCurrentThread(n));
        }

        @Override
        public void setProcessWide(int n) {
            org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(n);
        }
    }
}
