package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Parallel points: a failure in one worker returns only when every worker has stopped and closed its state. */
class ParallelPointsTest {

    /** A worker's state that counts how many are open. */
    private static final class State implements AutoCloseable {
        private final AtomicInteger open;

        State(AtomicInteger open) {
            this.open = open;
            open.incrementAndGet();
        }

        @Override
        public void close() {
            open.decrementAndGet();
        }
    }

    @Test
    void aFailingWorkerLeavesNoOtherWorkerRunningWhenTheRunThrows() {
        AtomicInteger open = new AtomicInteger();
        CountDownLatch bothStarted = new CountDownLatch(2);
        assertThatThrownBy(() -> ParallelPoints.run(4, 2, () -> new State(open), (state, k) -> {
            bothStarted.countDown();
            try {
                bothStarted.await();
                if (k == 0) {
                    throw new IllegalStateException("point 0 failed");
                }
                // the other worker is still in its point when the failure reaches the caller, deaf to interruption
                // as a native pass is
                long until = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }, TrainingMonitor.NONE, "test")).hasMessage("point 0 failed");
        // the caller's context may now free everything: no worker may still hold its state
        assertThat(open.get()).as("worker states still open when the run threw").isZero();
    }
}
