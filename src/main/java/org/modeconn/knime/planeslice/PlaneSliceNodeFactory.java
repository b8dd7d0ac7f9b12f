package org.modeconn.knime.planeslice;


import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.image.ImagePortObject;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.views.ViewPage;

/** Plane Slice: a 2-D slice of the loss surface with the curve drawn on it, the paper's heat maps. */
public final class PlaneSliceNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<PlaneSliceNodeModel> NODE = new NodeDefinition<>(
        "Plane Slice", "./plane-slice.png",
        "Loss and error on the plane through three weight vectors, with the curve drawn on it.",
        "<p>Spans a plane through three weight vectors: a curve's start w1, middle bend θ and end w2, or three "
            + "networks. u = w2 − w1 and v = θ − w1 made orthogonal to u, both normalised; a G × G grid from −margin "
            + "to 1 + margin of ‖u‖ and ‖v‖. At every grid point the network's train loss and error, and test loss and "
            + "error when a test table is connected, BatchNorm statistics recomputed where present. Grid points are "
            + "evaluated in parallel.</p>"
            + "<p>The heat map shows the train loss on a log scale with contours, the three points and the curve "
            + "projected into the plane.</p>"
            + "<p>The <i>Slice</i> setting also gives the plane of two random filter-normalised directions around the "
            + "first network (Li et al., 2018), and two 1-D slices: the straight line between the first two "
            + "networks, and one random direction through the first network. A 1-D slice's grid has one row (y = 0, "
            + "x the distance in weight space) and its image plots loss and error against the distance.</p>",
        List.of(new NodePort("Curve", "A curve from Fit Curve: its plane is sliced.", CurvePortObject.TYPE_OPTIONAL),
            new NodePort("Training data", "The training table: train figures and BatchNorm statistics.",
                BufferedDataTable.TYPE),
            new NodePort("Test data", "A table with the same columns: test figures.", BufferedDataTable.TYPE_OPTIONAL),
            new NodePort("First network", "With the next two, instead of a curve: w1.",
                NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Second network", "θ, the point the plane's second axis points to.",
                NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Third network", "w2.", NetworkPortObject.TYPE_OPTIONAL)),
        List.of(new NodePort("Grid", "One row per grid point: α and β (in units of ‖u‖, ‖v‖), x and y (distances in "
                + "weight space), train loss and error (%), test loss and error (%).", BufferedDataTable.TYPE),
            new NodePort("Heat map", "Train loss over the plane, log scale, contours, points and curve (PNG); for a "
                + "1-D slice, loss and error against the distance.",
                ImagePortObject.TYPE),
            new NodePort("Points", "w1, θ, w2 and the curve's points projected into the plane (x, y).",
                BufferedDataTable.TYPE)),
        NodeType.Other, List.of("loss surface", "loss landscape", "mode connectivity", "heat map"),
        PlaneSliceNodeParameters.class, PlaneSliceNodeModel::new)
        .withView(ViewPage.PLANE,
            "A heat map of the loss (log scale) or error (%) over the plane, train or test, with contour "
                + "lines, the three points that span the plane and the curve. Hover a cell for its coordinates and "
                + "value.");

    /** The factory KNIME instantiates. */
    public PlaneSliceNodeFactory() {
        super(NODE);
    }
}
