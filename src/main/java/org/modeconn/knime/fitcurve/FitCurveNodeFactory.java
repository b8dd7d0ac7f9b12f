package org.modeconn.knime.fitcurve;


import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.views.ViewPage;

/** Fit Curve: the paper's curve-finding procedure, minimising the expected loss along the curve. */
public final class FitCurveNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<FitCurveNodeModel> NODE = new NodeDefinition<>(
        "Fit Curve", "./fit-curve.png",
        "Finds a low-loss curve (Bezier or polygonal chain) between two trained networks.",
        "<p>Fits a curve φθ(t) in weight space with φθ(0) = ŵ1 and φθ(1) = ŵ2 by minimising the expected loss "
            + "E<sub>t~U(0,1)</sub> L(φθ(t)) with SGD (Garipov et al., 2018): each batch samples one t, evaluates the "
            + "network at the curve's point and moves the bends by their coefficients. The middle bends start on the "
            + "straight line. Along such curves loss and error stay low where the straight line between the two "
            + "networks crosses a barrier; see Evaluate Curve.</p>"
            + "<p>Both networks must share architecture, classes and feature columns; where BatchNorm is present "
            + "its statistics are recomputed at each t when the curve is evaluated. Weight decay acts on the curve's "
            + "point φθ(t) and so reaches each bend scaled by its coefficient.</p>",
        List.of(new NodePort("First network", "ŵ1, the curve's start (t = 0).", NetworkPortObject.TYPE),
            new NodePort("Second network", "ŵ2, the curve's end (t = 1).", NetworkPortObject.TYPE),
            new NodePort("Training data", "The table the networks were trained on (same feature and class columns).",
                BufferedDataTable.TYPE)),
        List.of(new NodePort("Curve", "The fitted curve: all bends, the architecture and provenance.",
            CurvePortObject.TYPE),
            new NodePort("Training history", "Per epoch: learning rate, train loss and error (%) at the sampled t, "
                + "seconds.", BufferedDataTable.TYPE)),
        NodeType.Learner, List.of("mode connectivity", "loss surface", "Bezier", "neural network"),
        FitCurveNodeParameters.class, FitCurveNodeModel::new)
        .withView(ViewPage.LEARNING_CURVES,
            "Learning curves of the fit: the loss and error (%) at the sampled t per epoch, with the learning"
                + " rate; a log scale for the losses.");

    /** The factory KNIME instantiates. */
    public FitCurveNodeFactory() {
        super(NODE);
    }
}
