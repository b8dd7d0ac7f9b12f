package org.modeconn.knime.fge;

import static org.knime.node.impl.description.PortDescription.fixedPort;
import static org.knime.node.impl.description.PortDescription.optionalPort;

import java.util.List;

import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;

/** FGE Ensemble: Fast Geometric Ensembling from one trained network. */
public final class FgeEnsembleNodeFactory extends ModeConnNodeFactory<FgeEnsembleNodeModel> {

    private static final NodeDefinition<FgeEnsembleNodeModel> NODE = new NodeDefinition<>(
        "FGE Ensemble", "./fge-ensemble.png",
        "Fast Geometric Ensembling: snapshots along a cyclical learning rate, ensembled.",
        "<p>From a trained network (best: one stopped at 80% of its training budget, with its momentum), trains "
            + "on with a cyclical learning rate, linear from α1 down to α2 in the first half of each cycle and back up "
            + "in the second, set per batch, and takes a snapshot in the middle of each cycle, where the rate is α2 "
            + "(Garipov et al., 2018). The ensemble averages the snapshots' softmax outputs. The snapshot table gives "
            + "each snapshot's own test error and the ensemble's after it; the plot shows the learning rate, the test "
            + "error and the distance from the start per iteration.</p>"
            + "<p>Cycles may be given in iterations, so that the same budget holds more, cheaper snapshots.</p>",
        List.of(fixedPort("Network", "The start network (from Train Endpoint)."),
            fixedPort("Training data", "The table the network was trained on."),
            optionalPort("Test data", "A table with the same columns: per-snapshot and ensemble figures.")),
        List.of(fixedPort("Ensemble", "The snapshots, averaged by their softmax outputs when predicting."),
            fixedPort("Snapshots", "Per snapshot: iteration, epoch, learning rate, its own test loss and error (%), the "
                + "ensemble's test loss and error (%) so far."),
            fixedPort("Plot", "Learning rate, test error and distance from the start per iteration (PNG).")),
        NodeType.Learner, List.of("ensemble", "FGE", "snapshot ensemble", "cyclical learning rate"),
        FgeEnsembleNodeParameters.class, FgeEnsembleNodeModel::new);

    @Override
    protected NodeDefinition<FgeEnsembleNodeModel> definition() {
        return NODE;
    }
}
