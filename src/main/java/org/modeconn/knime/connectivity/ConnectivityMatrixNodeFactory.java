package org.modeconn.knime.connectivity;

import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.image.ImagePortObject;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.NetworkPortObject;

/** Connectivity Matrix: the barrier of the line (and optionally a curve) between every pair of many networks. */
public final class ConnectivityMatrixNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<ConnectivityMatrixNodeModel> NODE = new NodeDefinition<>(
        "Connectivity Matrix", "./connectivity-matrix.png",
        "The barriers between every pair of many networks: along the straight line, and optionally a fitted curve.",
        "<p>Measures how well many networks of one architecture connect: for every pair, the straight line between "
            + "them at the given points, each measured as Evaluate Curve measures a curve's line (BatchNorm "
            + "statistics recomputed at every point). A pair's barrier is the highest train loss (and test error) "
            + "along the path minus the mean of its two ends. The matrix is symmetric with a zero diagonal.</p>"
            + "<p>The networks are an ensemble's members (from FGE Ensemble) and the networks connected to the four "
            + "network ports (from Train Endpoint with different seeds, Align Networks or Curve Point), in that "
            + "order. With <i>Also fit curves</i> a short Bezier fit joins every pair too, and its barriers stand "
            + "beside the line's: where the line crosses a ridge and the curve does not, the two networks lie in "
            + "one connected low-loss region.</p>",
        List.of(new NodePort("Ensemble", "An ensemble whose members are compared (member 1, member 2, ...).",
                EnsemblePortObject.TYPE_OPTIONAL),
            new NodePort("Training data", "The training table: train figures and BatchNorm statistics (and curve "
                + "fits).", BufferedDataTable.TYPE),
            new NodePort("Test data", "A table with the same columns: test figures.", BufferedDataTable.TYPE_OPTIONAL),
            new NodePort("Network 1", "A network to compare.", NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Network 2", "A network to compare.", NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Network 3", "A network to compare.", NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Network 4", "A network to compare.", NetworkPortObject.TYPE_OPTIONAL)),
        List.of(new NodePort("Pairs", "One row per pair (a, b), a listed before b: the line's train-loss and test-error barriers and, "
                + "with curves fitted, the curve's (test errors in points of %; missing without test data or curves).",
                BufferedDataTable.TYPE),
            new NodePort("Heat map", "The lines' test-error barriers (train-loss without test data) of every pair "
                + "(PNG).", ImagePortObject.TYPE)),
        NodeType.Other, List.of("mode connectivity", "barrier", "loss landscape", "ensemble", "neural network"),
        ConnectivityMatrixNodeParameters.class, ConnectivityMatrixNodeModel::new);

    /** The factory KNIME instantiates. */
    public ConnectivityMatrixNodeFactory() {
        super(NODE);
    }
}
