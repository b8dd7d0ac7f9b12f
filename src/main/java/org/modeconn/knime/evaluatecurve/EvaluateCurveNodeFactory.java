package org.modeconn.knime.evaluatecurve;

import static org.knime.node.impl.description.PortDescription.fixedPort;
import static org.knime.node.impl.description.PortDescription.optionalPort;

import java.util.List;

import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;

/** Evaluate Curve: the profile of a curve against the straight line, the paper's main figure. */
public final class EvaluateCurveNodeFactory extends ModeConnNodeFactory<EvaluateCurveNodeModel> {

    private static final NodeDefinition<EvaluateCurveNodeModel> NODE = new NodeDefinition<>(
        "Evaluate Curve", "./evaluate-curve.png",
        "Loss and error along a curve and along the straight line between its ends.",
        "<p>Evaluates the network at equally spaced points t of a curve and of the straight line between the "
            + "curve's ends: train loss and error, and test loss and error when a test table is connected. Where the "
            + "network has BatchNorm, its statistics are recomputed at each t over the training table (one pass, "
            + "batches of 128), as the paper's reference does. Points are evaluated in parallel.</p>"
            + "<p>The line typically crosses a barrier of high loss half-way; a well-fitted curve does not.</p>",
        List.of(fixedPort("Curve", "A curve from Fit Curve."),
            fixedPort("Training data", "The table the curve was fitted on: train figures and BatchNorm statistics."),
            optionalPort("Test data", "A table with the same columns: test figures.")),
        List.of(fixedPort("Profile", "One row per path (curve, line) and t: train loss and error (%), test loss and "
                + "error (%)."),
            fixedPort("Plot", "Loss and error along t, curve against line (PNG).")),
        NodeType.Other, List.of("mode connectivity", "loss barrier", "loss surface"),
        EvaluateCurveNodeParameters.class, EvaluateCurveNodeModel::new);

    @Override
    protected NodeDefinition<EvaluateCurveNodeModel> definition() {
        return NODE;
    }
}
