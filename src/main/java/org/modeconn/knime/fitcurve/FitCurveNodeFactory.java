package org.modeconn.knime.fitcurve;

import static org.knime.node.impl.description.PortDescription.fixedPort;

import java.util.List;

import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;

/** Fit Curve: the paper's curve-finding procedure, minimising the expected loss along the curve. */
public final class FitCurveNodeFactory extends ModeConnNodeFactory<FitCurveNodeModel> {

    private static final NodeDefinition<FitCurveNodeModel> NODE = new NodeDefinition<>(
        "Fit Curve", "./fit-curve.png",
        "Finds a low-loss curve (Bezier or polygonal chain) between two trained networks.",
        "<p>Fits a curve φθ(t) in weight space with φθ(0) = ŵ1 and φθ(1) = ŵ2 by minimising the expected loss "
            + "E<sub>t~U(0,1)</sub> L(φθ(t)) with SGD (Garipov et al., 2018): each batch samples one t, evaluates the "
            + "network at the curve's point and moves the bends by their coefficients. The middle bends start on the "
            + "straight line. Along such curves loss and error stay low where the straight line between the two "
            + "networks crosses a barrier; see Evaluate Curve.</p>"
            + "<p>Both networks must share architecture, classes and feature columns; where BatchNorm is present "
            + "its statistics are recomputed at each t when the curve is evaluated.</p>",
        List.of(fixedPort("First network", "ŵ1, the curve's start (t = 0)."),
            fixedPort("Second network", "ŵ2, the curve's end (t = 1)."),
            fixedPort("Training data", "The table the networks were trained on (same feature and class columns).")),
        List.of(fixedPort("Curve", "The fitted curve: all bends, the architecture and provenance."),
            fixedPort("Training history", "Per epoch: learning rate, train loss and error (%) at the sampled t, "
                + "seconds.")),
        NodeType.Learner, List.of("mode connectivity", "loss surface", "Bezier", "neural network"),
        FitCurveNodeParameters.class, FitCurveNodeModel::new);

    @Override
    protected NodeDefinition<FitCurveNodeModel> definition() {
        return NODE;
    }
}
