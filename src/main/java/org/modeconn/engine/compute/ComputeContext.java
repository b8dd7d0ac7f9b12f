package org.modeconn.engine.compute;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.modeconn.engine.backend.BackendInfo;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.backend.ThreadBudget;
import org.modeconn.engine.network.kernels.KernelChoice;

/**
 * How one run computes, resolved once when a command or a node execution opens it: the backend, the kernels (with the
 * reason for each fallback), the threads it is given by the process's {@link ThreadBudget}, and the wait policy in
 * force. It owns the native memory of what the run opens in it (networks with their pass buffers and oneDNN
 * primitives, batch sources) and frees what is still open when it closes, also after a failure. Its {@link #describe()} is the backend line and goes into every output's
 * provenance.
 *
 * <p>A context is bound to the thread that opens it, and to the workers it hands itself to ({@link #bind()}); engine
 * code finds the run's context with {@link #current()}. Code run outside any (a library user, a test) gets the
 * process's context, made from {@link ComputeOptions#fromSystem()}.
 */
public final class ComputeContext implements AutoCloseable {

    private static final ThreadLocal<Deque<ComputeContext>> BOUND = ThreadLocal.withInitial(ArrayDeque::new);
    private static ComputeContext processContext;

    private final ComputeOptions options;
    private final BackendInfo backend;
    private final KernelChoice kernels;
    private final ThreadBudget budget;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final boolean closeable;
    private int fewestThreads = Integer.MAX_VALUE;
    private int mostThreads;
    private boolean closed;

    private ComputeContext(ComputeOptions options, ClassLoader loader, ThreadBudget budget, boolean closeable) {
        this.options = options;
        this.backend = ComputeBackend.initialise(loader, options.backend());
        this.kernels = KernelChoice.resolve(options, backend.cpu());
        this.budget = budget;
        this.closeable = closeable;
    }

    /**
     * Opens a context with {@code options} for a run on the calling thread (until it is closed), ND4J loaded by the
     * engine's own class loader.
     */
    public static ComputeContext open(ComputeOptions options) {
        return open(options, ComputeContext.class.getClassLoader());
    }

    /** As {@link #open(ComputeOptions)}, with the class loader that holds ND4J and its backends (in KNIME the plugin's). */
    public static ComputeContext open(ComputeOptions options, ClassLoader loader) {
        ComputeContext c = new ComputeContext(options, loader, ThreadBudget.ofThisProcess(), true);
        BOUND.get().push(c);
        return c;
    }

    /** The context of the run on this thread; where none is open, the process's. */
    public static ComputeContext current() {
        ComputeContext c = BOUND.get().peek();
        return c != null ? c : processContext();
    }

    private static synchronized ComputeContext processContext() {
        if (processContext == null) {
            processContext = new ComputeContext(ComputeOptions.fromSystem(), ComputeContext.class.getClassLoader(),
                ThreadBudget.ofThisProcess(), false);
        }
        return processContext;
    }

    /** Makes this the context of the calling thread (a worker of this run) until the binding is closed. */
    public Binding bind() {
        Deque<ComputeContext> stack = BOUND.get();
        stack.push(this);
        return () -> stack.remove(this);
    }

    /** A context made current on a thread; closing it unbinds without closing the context. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** What was asked. */
    public ComputeOptions options() {
        return options;
    }

    /** The ND4J backend and device, resolved once per process. */
    public BackendInfo backend() {
        return backend;
    }

    /** The kernels this run's networks execute on. */
    public KernelChoice kernels() {
        return kernels;
    }

    /**
     * Claims the calling thread's share of the cores for one pass (the fixed count where the options ask for one)
     * and sets the native libraries to it; close the claim when the pass ends.
     */
    public ThreadBudget.Claim claimThreads() {
        ThreadBudget.Claim claim = budget.claim(options.threads());
        synchronized (this) {
            fewestThreads = Math.min(fewestThreads, claim.threads());
            mostThreads = Math.max(mostThreads, claim.threads());
        }
        return claim;
    }

    /**
     * Makes {@code resource} this run's to free: it is closed when the context closes, unless its own owner closed it
     * first and said so with {@link #release}.
     */
    public synchronized <T extends AutoCloseable> T own(T resource) {
        if (closeable) {
            owned.add(resource);
        }
        return resource;
    }

    /** Tells that {@code resource}, owned before, has been closed by its user. */
    public synchronized void release(AutoCloseable resource) {
        owned.remove(resource);
    }

    /** How many owned resources are still open. */
    public synchronized int openResources() {
        return owned.size();
    }

    /**
     * The backend line: backend and device, kernels, the threads the run's passes got (a range where the budget
     * changed during the run) of the machine's cores, and the OpenMP wait policy in force.
     */
    public synchronized String describe() {
        String threads = mostThreads == 0 ? "" : fewestThreads == mostThreads ? mostThreads + " thread"
            + (mostThreads == 1 ? "" : "s") : fewestThreads + "–" + mostThreads + " threads";
        List<String> limits = budget.limits();
        String share = (options.threads() > 0 ? " (fixed: " + ComputeOptions.THREADS_PROPERTY + ")"
            : " (shared budget of " + budget.cores() + " cores)") + (limits.isEmpty() ? ""
                : " [" + String.join("; ", limits) + "]");
        return backend.backend() + " on " + backend.device() + "; " + kernels.describe() + (backend.cpu() ? "; "
            + backend.blas() + " (" + backend.blasKernels() + ")" : "") + (threads.isEmpty() ? "" : "; " + threads + share)
            + (backend.cpu() ? "; " + backend.threading() : "") + (backend.note() != null ? " — " + backend.note() : "");
    }

    /** Frees every owned resource still open (the last opened first) and unbinds the context from its thread. */
    @Override
    public void close() {
        List<AutoCloseable> open;
        synchronized (this) {
            if (closed || !closeable) {
                return;
            }
            closed = true;
            open = new ArrayList<>(owned);
            owned.clear();
        }
        BOUND.get().remove(this);
        RuntimeException failure = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not free a run's native memory", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
