package org.modeconn.knime.fge;


import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.image.ImagePortObject;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.views.ViewPage;

/** FGE Ensemble: Fast Geometric Ensembling from one trained network. */
public final class FgeEnsembleNodeFactory extends ModeConnNodeFactory {

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
        List.of(new NodePort("Network", "The start network (from Train Endpoint).", NetworkPortObject.TYPE),
            new NodePort("Training data", "The table the network was trained on.", BufferedDataTable.TYPE),
            new NodePort("Test data", "A table with the same columns: per-snapshot and ensemble figures.",
                BufferedDataTable.TYPE_OPTIONAL)),
        List.of(new NodePort("Ensemble", "The snapshots, averaged by their softmax outputs when predicting.",
            EnsemblePortObject.TYPE),
            new NodePort("Snapshots", "Per snapshot: iteration, epoch, learning rate, its own test loss and error (%), the "
                + "ensemble's test loss and error (%) so far, and those of the average of the snapshots' weights so "
                + "far (SWA).", BufferedDataTable.TYPE),
            new NodePort("Plot", "Learning rate, test error and distance from the start per iteration (PNG).",
                ImagePortObject.TYPE),
            new NodePort("SWA network", "The average of the snapshots' weights, BatchNorm statistics recomputed "
                + "(stochastic weight averaging, Izmailov et al., 2018): one network, predicting at one network's "
                + "cost.", NetworkPortObject.TYPE)),
        NodeType.Learner, List.of("ensemble", "FGE", "snapshot ensemble", "cyclical learning rate"),
        FgeEnsembleNodeParameters.class, FgeEnsembleNodeModel::new)
        .withView(ViewPage.FGE,
            "The cyclical learning rate per iteration with the snapshots marked, the distance from the start "
                + "network, and each snapshot's test error beside the ensemble's so far and the start network's.");

    /** The factory KNIME instantiates. */
    public FgeEnsembleNodeFactory() {
        super(NODE);
    }
}
