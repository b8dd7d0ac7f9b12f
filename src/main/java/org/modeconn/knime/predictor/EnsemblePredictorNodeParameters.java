package org.modeconn.knime.predictor;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Ensemble Predictor: which columns to append. */
public final class EnsemblePredictorNodeParameters implements NodeParameters {

    @Widget(title = "Append class probabilities", description = "Append one column P (class) per class with the "
        + "predicted probability (for an ensemble, the mean of its members' softmax outputs).")
    @Persist(configKey = "appendProbabilities")
    boolean m_appendProbabilities = true;

    @Widget(title = "Prediction column", description = "The name of the appended column with the predicted class.")
    @Persist(configKey = "predictionColumn")
    String m_predictionColumn = "Prediction";

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_predictionColumn == null || m_predictionColumn.isBlank()) {
            throw NodeMessages.invalidSettings("The prediction column has no name.",
                "Give a name for the prediction column, for example Prediction.");
        }
    }
}
