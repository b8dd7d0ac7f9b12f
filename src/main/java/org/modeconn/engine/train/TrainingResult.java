package org.modeconn.engine.train;

import java.util.List;
import java.util.Optional;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Metrics;

/**
 * What endpoint training produced.
 *
 * @param network the trained network (provenance included)
 * @param checkpoint the network after the checkpoint epoch, with its momentum buffer, if one was asked for
 * @param history one record per epoch
 * @param finalTrain figures on the whole training set (inference mode) at the end
 * @param finalTest figures on the test set at the end, or null without one
 * @param seconds wall-clock seconds of the training loop
 */
public record TrainingResult(Network network, Optional<Network> checkpoint, List<EpochRecord> history,
        Metrics finalTrain, Metrics finalTest, double seconds) {
}
