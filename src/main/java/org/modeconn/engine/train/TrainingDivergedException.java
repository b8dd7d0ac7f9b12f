package org.modeconn.engine.train;

import java.util.Optional;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.Network;

/**
 * Training produced a NaN or infinite loss. It says where (epoch and batch) and what to lower, and
 * carries what was being trained as it was after the last completed epoch, so that nothing is lost.
 */
public class TrainingDivergedException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;
    private final double learningRate;
    private final double loss;
    private final transient Object lastGood;

    /**
     * @param epoch 1-based epoch of the bad batch
     * @param batch 1-based batch
     * @param learningRate the rate in use
     * @param loss the non-finite loss
     * @param lastGood what was being trained (a network, a curve) after the last completed epoch, or null
     */
    public TrainingDivergedException(int epoch, int batch, double learningRate, double loss, Object lastGood) {
        super("Training diverged: the loss became " + loss + " at epoch " + epoch + ", batch " + batch
            + " (learning rate " + learningRate + ").",
            "Lower the learning rate (for example to " + (learningRate / 10) + ") or check the data for extreme "
                + "values; features are standardised by default.");
        this.epoch = epoch;
        this.batch = batch;
        this.learningRate = learningRate;
        this.loss = loss;
        this.lastGood = lastGood;
    }

    /** The same report with what was trained after the last completed epoch attached. */
    public TrainingDivergedException withLastGood(Object good) {
        TrainingDivergedException e = new TrainingDivergedException(epoch, batch, learningRate, loss, good);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The network after the last completed epoch, if a network was being trained. */
    public Optional<Network> lastGood() {
        return lastGood(Network.class);
    }

    /** What was being trained, after the last completed epoch, if it is a {@code type}. */
    public <T> Optional<T> lastGood(Class<T> type) {
        return type.isInstance(lastGood) ? Optional.of(type.cast(lastGood)) : Optional.empty();
    }
}
