package org.modeconn.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadBudgetTest {

    /** Records what the budget set, per thread and process-wide. */
    private static final class Recorded implements ThreadBudget.NativeThreads {
        final Map<Thread, Integer> perThread = new ConcurrentHashMap<>();
        final List<Integer> processWide = new ArrayList<>();

        @Override
        public void setForCurrentThread(int n) {
            perThread.put(Thread.currentThread(), n);
        }

        @Override
        public synchronized void setProcessWide(int n) {
            processWide.add(n);
        }
    }

    /** No outside load: there is no /proc here. */
    private static OutsideLoad idle() {
        return new OutsideLoad(Path.of("/nonexistent/stat"), Path.of("/nonexistent/self"));
    }

    /** Outside load fixed at {@code cores}. */
    private static OutsideLoad busy(int cores) {
        return new OutsideLoad(Path.of("/nonexistent/stat"), Path.of("/nonexistent/self")) {
            @Override
            synchronized int busyCores(long nowNanos, int all) {
                return Math.min(cores, all - 1);
            }
        };
    }

    @Test
    void oneRunAloneGetsEveryCore() {
        Recorded natives = new Recorded();
        ThreadBudget budget = new ThreadBudget(2, idle(), natives, new AtomicLong()::get);
        try (ThreadBudget.Claim c = budget.claim(0)) {
            assertThat(c.threads()).isEqualTo(2);
        }
        assertThat(natives.perThread).containsEntry(Thread.currentThread(), 2);
        assertThat(natives.processWide).containsExactly(2);
    }

    @Test
    void twoRunsAtOnceOnTwoCoresGetOneEach() throws Exception {
        Recorded natives = new Recorded();
        AtomicLong clock = new AtomicLong();
        ThreadBudget budget = new ThreadBudget(2, idle(), natives, clock::get);
        CountDownLatch bothIn = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        int[] got = new int[2];
        List<Thread> runs = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            int which = k;
            Thread t = new Thread(() -> {
                try (ThreadBudget.Claim first = budget.claim(0)) {
                    bothIn.countDown();
                    bothIn.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                // the second pass of each run sees the other run in progress
                try (ThreadBudget.Claim second = budget.claim(0)) {
                    got[which] = second.threads();
                    done.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            runs.add(t);
            t.start();
        }
        while (natives.perThread.size() < 2 || budget.runsInProgress() < 2 || got[0] == 0 || got[1] == 0) {
            Thread.sleep(5);
        }
        done.countDown();
        for (Thread t : runs) {
            t.join();
        }
        assertThat(got).containsExactly(1, 1);
        assertThat(natives.processWide).last().isEqualTo(1);
    }

    @Test
    void aRunThatEndedStopsCountingAfterAMoment() {
        AtomicLong clock = new AtomicLong();
        ThreadBudget budget = new ThreadBudget(4, idle(), new Recorded(), clock::get);
        Thread other = new Thread(() -> budget.claim(0).close());
        other.start();
        try {
            other.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        // a dead thread counts no more; a live one that paused counts until the linger has passed
        try (ThreadBudget.Claim c = budget.claim(0)) {
            assertThat(c.threads()).isEqualTo(4);
        }
        assertThat(budget.runsInProgress()).isEqualTo(1);
        clock.addAndGet(ThreadBudget.LINGER_NANOS + 1);
        assertThat(budget.runsInProgress()).isZero();
    }

    @Test
    void coresBusyElsewhereAreLeftToThem() {
        ThreadBudget budget = new ThreadBudget(2, busy(1), new Recorded(), new AtomicLong()::get);
        try (ThreadBudget.Claim c = budget.claim(0)) {
            assertThat(c.threads()).isEqualTo(1);
        }
        ThreadBudget four = new ThreadBudget(4, busy(1), new Recorded(), new AtomicLong()::get);
        try (ThreadBudget.Claim c = four.claim(0)) {
            assertThat(c.threads()).isEqualTo(3);
        }
    }

    @Test
    void aFixedCountIsHonouredAndCoresThatDoNotDivideGoToTheEarlierRuns() throws Exception {
        ThreadBudget budget = new ThreadBudget(3, idle(), new Recorded(), new AtomicLong()::get);
        try (ThreadBudget.Claim c = budget.claim(5)) {
            assertThat(c.threads()).isEqualTo(5);
        }
        int[] second = new int[1];
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (ThreadBudget.Claim c = budget.claim(0)) {
                second[0] = c.threads();
                claimed.countDown();
                finish.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        claimed.await();
        assertThat(second[0]).as("3 cores, 2 runs: the later run gets 1").isEqualTo(1);
        try (ThreadBudget.Claim c = budget.claim(0)) {
            assertThat(c.threads()).as("the earlier run gets the odd core").isEqualTo(2);
        }
        finish.countDown();
        t.join();
    }
}
