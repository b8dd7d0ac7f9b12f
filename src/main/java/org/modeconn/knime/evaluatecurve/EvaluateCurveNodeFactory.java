package org.modeconn.knime.evaluatecurve;


import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.image.ImagePortObject;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.views.ViewPage;

/** Evaluate Curve: the profile of a curve against the straight line, the paper's main figure. */
public final class EvaluateCurveNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<EvaluateCurveNodeModel> NODE = new NodeDefinition<>(
        "Evaluate Curve", "./evaluate-curve.png",
        "Loss and error along a curve and along the straight line between its ends.",
        "<p>Evaluates the network at equally spaced points t of a curve and of the straight line between the "
            + "curve's ends: train loss and error, and test loss and error when a test table is connected. Where the "
            + "network has BatchNorm, its statistics are recomputed at each t over the training table (one pass, "
            + "batches of 128), as the paper's reference does. Points are evaluated in parallel.</p>"
            + "<p>The line typically crosses a barrier of high loss half-way; a well-fitted curve does not.</p>",
        List.of(new NodePort("Curve", "A curve from Fit Curve.", CurvePortObject.TYPE),
            new NodePort("Training data", "The table the curve was fitted on: train figures and BatchNorm statistics.",
                BufferedDataTable.TYPE),
            new NodePort("Test data", "A table with the same columns: test figures.", BufferedDataTable.TYPE_OPTIONAL)),
        List.of(new NodePort("Profile", "One row per path (curve, line) and t: train loss and error (%), test loss and "
                + "error (%), and the length along the path so far.", BufferedDataTable.TYPE),
            new NodePort("Plot", "Loss and error along t, curve against line (PNG).", ImagePortObject.TYPE),
            new NodePort("Statistics", "Per path (curve, line) and quantity (train and test loss and error): its value "
                + "at the two ends, min, max and mean along the path weighted by length, and the path's length in weight "
                + "space (trainable weights).", BufferedDataTable.TYPE)),
        NodeType.Other, List.of("mode connectivity", "loss barrier", "loss surface"),
        EvaluateCurveNodeParameters.class, EvaluateCurveNodeModel::new)
        .withView(ViewPage.CURVE_PROFILE,
            "Train and test loss and error (%) along t, the curve against the straight line between its ends,"
                + " each path's barrier (its highest train loss above the mean of its ends) marked. Hover a point "
                + "for its figures.");

    /** The factory KNIME instantiates. */
    public EvaluateCurveNodeFactory() {
        super(NODE);
    }
}
