package org.modeconn.knime.predictor;

import static org.knime.node.impl.description.PortDescription.fixedPort;
import static org.knime.node.impl.description.PortDescription.optionalPort;

import java.util.List;

import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;

/** Ensemble Predictor: class probabilities and predictions of a network or an ensemble. */
public final class EnsemblePredictorNodeFactory extends ModeConnNodeFactory<EnsemblePredictorNodeModel> {

    private static final NodeDefinition<EnsemblePredictorNodeModel> NODE = new NodeDefinition<>(
        "Ensemble Predictor", "./ensemble-predictor.png",
        "Applies a network or an ensemble to a table: class probabilities and the predicted class.",
        "<p>Applies a network (from Train Endpoint or Curve Point) or an ensemble (from FGE Ensemble) to the rows "
            + "of a table with the model's feature columns. An ensemble's probabilities are the mean of its members' "
            + "softmax outputs. The table keeps all its columns; the class column is not needed.</p>",
        List.of(optionalPort("Network", "A network; connect either this or an ensemble."),
            optionalPort("Ensemble", "An ensemble; connect either this or a network."),
            fixedPort("Data", "Rows to predict, with the model's feature columns.")),
        List.of(fixedPort("Predictions", "The input with P (class) per class and the predicted class appended.")),
        NodeType.Predictor, List.of("predict", "ensemble", "neural network", "FGE"),
        EnsemblePredictorNodeParameters.class, EnsemblePredictorNodeModel::new);

    @Override
    protected NodeDefinition<EnsemblePredictorNodeModel> definition() {
        return NODE;
    }
}
