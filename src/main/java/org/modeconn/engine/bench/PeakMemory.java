package org.modeconn.engine.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.bytedeco.javacpp.Pointer;

/**
 * Peak memory of a stretch of work: the process's resident set (Linux VmHWM, reset at the start), the Java
 * heap (the pools' peak usage, reset) and the resident memory outside the Java heap (sampled every 50 ms:
 * resident set minus committed heap, that is ND4J's buffers and natives plus the JVM's own native memory).
 */
public final class PeakMemory implements AutoCloseable {

    private final AtomicLong offHeapPeak = new AtomicLong();

    private final Thread sampler;

    private volatile boolean running = true;

    private PeakMemory() {
        resetRss();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        offHeapPeak.set(nativeResident());
        sampler = new Thread(() -> {
            while (running) {
                offHeapPeak.accumulateAndGet(nativeResident(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts measuring. */
    public static PeakMemory start() {
        return new PeakMemory();
    }

    /** Peak resident set since the start, in MB (−1 where the OS does not say). */
    public double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Peak Java heap since the start, in MB (the sum of the heap pools' peaks, an upper bound). */
    public double heapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / (1024.0 * 1024.0);
    }

    /** Peak resident memory outside the Java heap since the start, in MB (sampled). */
    public double offHeapMb() {
        offHeapPeak.accumulateAndGet(nativeResident(), Math::max);
        return offHeapPeak.get() / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static long nativeResident() {
        return Math.max(0, Pointer.physicalBytes() - Runtime.getRuntime().totalMemory());
    }

    /** Linux resets the peak resident set of a process when 5 is written to its clear_refs. */
    private static void resetRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not Linux, or not allowed: the peak then counts from the process start, which the report says.
        }
    }
}
