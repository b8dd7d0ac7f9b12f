package org.modeconn.knime.evaluatecurve;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Evaluate Curve: how many points along t, and whether to show the straight line too. */
public final class EvaluateCurveNodeParameters implements NodeParameters {

    @Widget(title = "Points along the curve", description = "Equally spaced t in [0, 1], both ends included "
        + "(the paper uses 61; the benchmark 31).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "points")
    int m_points = 31;

    @Widget(title = "Include the straight line", description = "Also evaluate the straight line between the curve's "
        + "ends at the same t, the baseline the curve is compared with.")
    @Persist(configKey = "includeLine")
    boolean m_includeLine = true;

    @Widget(title = "Also the line with REPAIR", description = "Also evaluate the straight line between the curve's "
        + "ends with REPAIR (Jordan et al., ICLR 2023) at the same t: each hidden layer's per-channel output mean and "
        + "deviation reset to the interpolation of the ends' on the training table, as path \"line (REPAIR)\". Meant "
        + "for ends aligned by Align Networks, of networks without BatchNorm (with BatchNorm, the recomputed "
        + "statistics of every point do this already).")
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "lineRepair")
    boolean m_lineRepair;

    @Widget(title = "Sharpness at each point", description = "Also give the largest Hessian eigenvalue of the training "
        + "loss at every point of the curve and of the line (over all training rows, as the Sharpness node measures "
        + "it) in the profile's column lambda_max: flat paths have low values all along (evaluation mode). each point costs up to 60 Hessian-vector products.", advanced = true)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "sharpness")
    boolean m_sharpness;

    @Override
    public void validate() throws InvalidSettingsException {
        if (m_points < 2 || m_points > 10_001) {
            throw NodeMessages.invalidSettings("The number of points along the curve is " + m_points + ".",
                "Give between 2 and 10001 points (31 or 61 are usual).");
        }
    }
}
