package org.modeconn.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * A progress bar on the terminal: redrawn in place on an interactive terminal, one line per epoch
 * otherwise (logs, CI).
 */
final class TerminalProgress implements TrainingMonitor {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final int epochs;
    private final boolean interactive;
    private long lastDraw;

    TerminalProgress(PrintStream out, String label, int epochs) {
        this.out = out;
        this.label = label;
        this.epochs = epochs;
        this.interactive = System.console() != null;
    }

    @Override
    public void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && fraction < 1) {
            return;
        }
        lastDraw = now;
        int filled = (int) Math.round(fraction * WIDTH);
        out.printf(Locale.ROOT, "\r%s epoch %d%s [%s%s] %3.0f%%  loss %.4f  lr %.5f ", label, epoch, total(),
            "=".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, loss, learningRate);
        out.flush();
    }

    private String total() {
        return epochs > 0 ? "/" + epochs : "";
    }

    @Override
    public void onEpoch(EpochRecord r) {
        if (interactive) {
            out.print("\r" + " ".repeat(WIDTH + 70) + "\r");
        }
        out.printf(Locale.ROOT, "%s epoch %d%s  train loss %.4f  train err %.2f%%%s  %.2fs%n", label, r.epoch(),
            total(), r.trainLoss(), r.trainErrorPercent(),
            r.hasTest() ? String.format(Locale.ROOT, "  test loss %.4f  test err %.2f%%", r.testLoss(),
                r.testErrorPercent()) : "", r.seconds());
        out.flush();
    }
}
