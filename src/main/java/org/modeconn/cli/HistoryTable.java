package org.modeconn.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.modeconn.engine.record.EpochRecord;

/** Prints a training history as an aligned table. */
final class HistoryTable {

    private HistoryTable() {
    }

    static void print(PrintStream out, List<EpochRecord> history) {
        out.println(" epoch        lr  train loss  train err   test loss   test err    seconds");
        for (EpochRecord r : history) {
            out.printf(Locale.ROOT, "%6d %9.6f %11.4f %9.2f%% %11s %10s %10.2f%n", r.epoch(), r.learningRate(),
                r.trainLoss(), r.trainErrorPercent(),
                r.hasTest() ? String.format(Locale.ROOT, "%.4f", r.testLoss()) : "-",
                r.hasTest() ? String.format(Locale.ROOT, "%.2f%%", r.testErrorPercent()) : "-", r.seconds());
        }
    }
}
