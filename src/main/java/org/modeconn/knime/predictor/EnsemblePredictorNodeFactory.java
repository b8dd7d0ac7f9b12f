package org.modeconn.knime.predictor;


import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.NetworkPortObject;

/** Ensemble Predictor: class probabilities and predictions of a network or an ensemble. */
public final class EnsemblePredictorNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<EnsemblePredictorNodeModel> NODE = new NodeDefinition<>(
        "Ensemble Predictor", "./ensemble-predictor.png",
        "Applies a network or an ensemble to a table: class probabilities and the predicted class.",
        "<p>Applies a network (from Train Endpoint or Curve Point) or an ensemble (from FGE Ensemble) to the rows "
            + "of a table with the model's feature columns. An ensemble's probabilities are the mean of its members' "
            + "softmax outputs. The table keeps all its columns; the class column is not needed.</p>",
        List.of(new NodePort("Network", "A network; connect either this or an ensemble.",
            NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Ensemble", "An ensemble; connect either this or a network.",
                EnsemblePortObject.TYPE_OPTIONAL),
            new NodePort("Data", "Rows to predict, with the model's feature columns.", BufferedDataTable.TYPE)),
        List.of(new NodePort("Predictions", "The input with P (class) per class and the predicted class appended.",
            BufferedDataTable.TYPE)),
        NodeType.Predictor, List.of("predict", "ensemble", "neural network", "FGE"),
        EnsemblePredictorNodeParameters.class, EnsemblePredictorNodeModel::new);

    /** The factory KNIME instantiates. */
    public EnsemblePredictorNodeFactory() {
        super(NODE);
    }
}
