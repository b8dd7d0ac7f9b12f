package org.modeconn.knime.node;

import java.util.Locale;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * KNIME's execution monitor as the engine's {@link TrainingMonitor}: progress and a message after every
 * batch (epoch, batch, loss), cancellation asked before every batch.
 */
public final class NodeProgress implements TrainingMonitor {

    private final ExecutionMonitor m_exec;

    /** The progress message after one step, from the figures the engine reports with it. */
    @FunctionalInterface
    public interface StepMessage {
        /** The message for the step {@code batch} of round {@code epoch}. */
        String of(int epoch, int batch, double loss, double learningRate);
    }

    private final StepMessage m_message;

    /**
     * @param exec the node's monitor (or a sub-monitor)
     * @param what what is running, the start of every progress message ("Training", "Fitting the curve", …)
     */
    public NodeProgress(final ExecutionMonitor exec, final String what) {
        this(exec, (epoch, batch, loss, learningRate) -> String.format(Locale.ROOT,
            "%s: epoch %d, batch %d, loss %.4f, learning rate %.4g", what, epoch, batch, loss, learningRate));
    }

    /**
     * @param exec the node's monitor (or a sub-monitor)
     * @param message the message of each step, for operations whose steps are not batches
     */
    public NodeProgress(final ExecutionMonitor exec, final StepMessage message) {
        m_exec = exec;
        m_message = message;
    }

    @Override
    public void onBatch(final double fraction, final int epoch, final int batch, final double loss,
        final double learningRate) {
        m_exec.setProgress(Math.min(1, fraction), () -> m_message.of(epoch, batch, loss, learningRate));
    }

    @Override
    public boolean isCancelled() {
        try {
            m_exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }
}
