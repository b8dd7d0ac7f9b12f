package org.modeconn.knime.sharpness;

import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.NetworkPortObject;

/** Sharpness: the largest Hessian eigenvalues and the Hessian's trace of a network, or at points of a curve. */
public final class SharpnessNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<SharpnessNodeModel> NODE = new NodeDefinition<>(
        "Sharpness", "./sharpness.png",
        "The largest eigenvalues and the trace of the Hessian of a network's training loss, or along a curve.",
        "<p>How sharp the training loss is at a network's weights, as PyHessian (Yao et al., 2020) measures it: the "
            + "largest eigenvalues of the Hessian by Lanczos (full reorthogonalisation) and its trace by "
            + "Hutchinson's estimator with Rademacher vectors, from Hessian-vector products. Each product is a "
            + "central difference of two exact gradients of the loss (the mean cross-entropy over the chosen "
            + "training rows, without weight decay) at a step of 3·10⁻⁶ of the weights' norm; on a small MLP and CNN "
            + "the eigenvalues agree with PyTorch's exact double-backward Hessian to 0.1%.</p>"
            + "<p>Connect a network (from Train Endpoint, Align Networks, Curve Point, Merge Networks) for one row, "
            + "or a curve (from Fit Curve) for one row per point of t: flat minima joined by a flat path have low "
            + "eigenvalues all along it. The Hessian is the evaluation mode's, as PyHessian takes it: dropout passes "
            + "everything through and BatchNorm normalises with its running statistics, constants of the loss.</p>",
        List.of(new NodePort("Network", "A network to measure.", NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Curve", "Instead: a curve, measured at its points.", CurvePortObject.TYPE_OPTIONAL),
            new NodePort("Training data", "The training table the loss is taken over.", BufferedDataTable.TYPE)),
        List.of(new NodePort("Sharpness", "One row (a network) or one per t (a curve): t, the loss, the largest "
            + "eigenvalues (lambda_1 the largest), the trace and its standard error, the rows, the Hessian-vector "
            + "products and the seconds.", BufferedDataTable.TYPE)),
        NodeType.Other, List.of("sharpness", "Hessian", "eigenvalue", "trace", "PyHessian", "flatness",
            "loss landscape"),
        SharpnessNodeParameters.class, SharpnessNodeModel::new);

    /** The factory KNIME instantiates. */
    public SharpnessNodeFactory() {
        super(NODE);
    }
}
