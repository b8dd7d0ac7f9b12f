package org.modeconn.knime.curvepoint;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.modeconn.knime.node.NodeMessages;

/** The setting of Curve Point: where on the curve. */
public final class CurvePointNodeParameters implements NodeParameters {

    @Widget(title = "t", description = "The point of the curve, from 0 (its start) to 1 (its end).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = "t")
    double m_t = 0.5;

    @Override
    public void validate() throws InvalidSettingsException {
        if (!(m_t >= 0 && m_t <= 1)) {
            throw NodeMessages.invalidSettings("t = " + m_t + " is not on the curve.", "Give t between 0 and 1.");
        }
    }
}
