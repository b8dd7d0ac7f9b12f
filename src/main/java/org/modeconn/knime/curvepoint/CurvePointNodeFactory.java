package org.modeconn.knime.curvepoint;


import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.NetworkPortObject;

/** Curve Point: takes one network off a curve. */
public final class CurvePointNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<CurvePointNodeModel> NODE = new NodeDefinition<>(
        "Curve Point", "./curve-point.png",
        "The network at one point t of a curve.",
        "<p>Takes the network φθ(t) off a curve, as an ordinary network that Ensemble Predictor applies, FGE "
            + "Ensemble starts from or Fit Curve joins. Where the network has BatchNorm, its statistics are "
            + "recomputed at t over the training table, which must then be connected.</p>",
        List.of(new NodePort("Curve", "A curve from Fit Curve.", CurvePortObject.TYPE),
            new NodePort("Training data", "The table the curve was fitted on; needed for BatchNorm networks.",
                BufferedDataTable.TYPE_OPTIONAL)),
        List.of(new NodePort("Network", "The network at t, with its provenance.", NetworkPortObject.TYPE)),
        NodeType.Manipulator, List.of("mode connectivity", "curve", "neural network"),
        CurvePointNodeParameters.class, CurvePointNodeModel::new);

    /** The factory KNIME instantiates. */
    public CurvePointNodeFactory() {
        super(NODE);
    }
}
