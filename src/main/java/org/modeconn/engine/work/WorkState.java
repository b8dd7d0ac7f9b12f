package org.modeconn.engine.work;

/** What an {@link IndependentWork} opens in a process (shared data, a worker's network): closed when the run ends. */
public interface WorkState extends AutoCloseable {

    /** Frees what it holds (native memory included); throws no checked exception. */
    @Override
    void close();
}
