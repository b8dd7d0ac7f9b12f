package org.modeconn.engine.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many cores other processes keep busy: the machine's busy time less this process's own, over the time
 * since the last look (Linux's /proc/stat and /proc/self/stat). A core counts as busy from half of its time on:
 * a program that would keep a core busy gets only part of it while this process runs a thread on every core (two
 * thirds of one on two cores), and it must still count, so that a user's compile or second training takes its core
 * back from the budget; short-lived noise stays below.
 */
class OutsideLoad {

    /** Shortest time between two looks: shorter windows are noise. */
    static final long MIN_WINDOW_NANOS = 500_000_000L;

    private final Path stat;
    private final Path selfStat;
    private long lastNanos = Long.MIN_VALUE;
    private long lastBusy;
    private long lastAll;
    private long lastSelf;
    private int busyCores;
    private String unmeasured;

    OutsideLoad(Path stat, Path selfStat) {
        this.stat = stat;
        this.selfStat = selfStat;
    }

    /** This machine's, where /proc can be read; elsewhere one that always answers 0. */
    static OutsideLoad ofThisMachine() {
        return new OutsideLoad(Path.of("/proc/stat"), Path.of("/proc/self/stat"));
    }

    /** Whether it can measure anything here. */
    boolean measures() {
        return Files.isReadable(stat) && Files.isReadable(selfStat);
    }

    /** Cores kept busy by other processes over the last window ending at {@code nowNanos}, 0 to {@code cores − 1}. */
    synchronized int busyCores(long nowNanos, int cores) {
        if (lastNanos != Long.MIN_VALUE && nowNanos - lastNanos < MIN_WINDOW_NANOS) {
            return Math.min(busyCores, cores - 1);
        }
        if (unmeasured != null) {
            return 0;
        }
        long[] machine;
        long self;
        try {
            String text = Files.readString(stat);
            int machineCpus = cpuCount(text);
            if (machineCpus != cores) {
                // the busy time of the whole machine says nothing about the CPUs this process may use
                unmeasured = "other programs' load not measured: this process may use " + cores + " of the machine's "
                    + machineCpus + " CPUs";
                return 0;
            }
            machine = machineTicks(text);
            self = selfTicks(Files.readString(selfStat));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        if (lastNanos != Long.MIN_VALUE && machine[1] > lastAll) {
            double outside = (double) (machine[0] - lastBusy - (self - lastSelf)) / (machine[1] - lastAll) * cores;
            int rounded = (int) Math.floor(Math.max(0, outside) + 0.5);
            // a core given back needs the other program well below it (a quarter): a load near half a core does not
            // make the runs' share, and with it oneDNN's primitives, change at every look
            busyCores = rounded < busyCores && outside > busyCores - 0.75 ? busyCores : rounded;
        }
        lastNanos = nowNanos;
        lastBusy = machine[0];
        lastAll = machine[1];
        lastSelf = self;
        return Math.min(busyCores, cores - 1);
    }

    /** Why other programs' load is not measured here (the process may use only some of the CPUs), or null. */
    synchronized String whyUnmeasured() {
        return unmeasured;
    }

    /** The number of CPUs the text of /proc/stat lists (its "cpuN" lines). */
    static int cpuCount(String procStat) {
        int n = 0;
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Busy and all ticks of the machine from the text of /proc/stat's first line: busy is user, nice, system, irq
     * and softirq; all adds idle and iowait (steal, the hypervisor's, is left out of both).
     */
    static long[] machineTicks(String procStat) {
        String line = procStat.substring(0, procStat.indexOf('\n') < 0 ? procStat.length() : procStat.indexOf('\n'));
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("not /proc/stat: " + line);
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long busy = user + nice + system + irq + softirq;
        return new long[] {busy, busy + idle + iowait};
    }

    /** User and system ticks of a process from the text of its /proc/PID/stat. */
    static long selfTicks(String procSelfStat) {
        // the command name, in parentheses, may hold spaces: fields are counted after its closing parenthesis
        String[] f = procSelfStat.substring(procSelfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
