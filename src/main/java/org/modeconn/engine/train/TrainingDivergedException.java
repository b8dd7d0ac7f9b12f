package org.modeconn.engine.train;

import java.util.Optional;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.network.Network;

/**
 * Training produced a NaN or infinite loss. It says where (epoch and batch) and what to lower, and
 * carries the network as it was after the last completed epoch, so that nothing trained is lost.
 */
public class TrainingDivergedException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final transient Network lastGood;

    /**
     * @param epoch 1-based epoch of the bad batch
     * @param batch 1-based batch
     * @param learningRate the rate in use
     * @param loss the non-finite loss
     * @param lastGood the network after the last completed epoch, or null if the first epoch failed
     */
    public TrainingDivergedException(int epoch, int batch, double learningRate, double loss, Network lastGood) {
        super("Training diverged: the loss became " + loss + " at epoch " + epoch + ", batch " + batch
            + " (learning rate " + learningRate + ").",
            "Lower the learning rate (for example to " + (learningRate / 10) + ") or check the data for extreme "
                + "values; features are standardised by default.");
        this.lastGood = lastGood;
    }

    /** The network after the last completed epoch. */
    public Optional<Network> lastGood() {
        return Optional.ofNullable(lastGood);
    }
}
