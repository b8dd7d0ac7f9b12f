package org.modeconn.knime.curvepoint;

import static org.knime.node.impl.description.PortDescription.fixedPort;
import static org.knime.node.impl.description.PortDescription.optionalPort;

import java.util.List;

import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;

/** Curve Point: takes one network off a curve. */
public final class CurvePointNodeFactory extends ModeConnNodeFactory<CurvePointNodeModel> {

    private static final NodeDefinition<CurvePointNodeModel> NODE = new NodeDefinition<>(
        "Curve Point", "./curve-point.png",
        "The network at one point t of a curve.",
        "<p>Takes the network φθ(t) off a curve, as an ordinary network that Ensemble Predictor applies, FGE "
            + "Ensemble starts from or Fit Curve joins. Where the network has BatchNorm, its statistics are "
            + "recomputed at t over the training table, which must then be connected.</p>",
        List.of(fixedPort("Curve", "A curve from Fit Curve."),
            optionalPort("Training data", "The table the curve was fitted on; needed for BatchNorm networks.")),
        List.of(fixedPort("Network", "The network at t, with its provenance.")),
        NodeType.Manipulator, List.of("mode connectivity", "curve", "neural network"),
        CurvePointNodeParameters.class, CurvePointNodeModel::new);

    @Override
    protected NodeDefinition<CurvePointNodeModel> definition() {
        return NODE;
    }
}
