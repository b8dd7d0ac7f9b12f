package org.modeconn.knime.planeslice;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Plane Slice: grid size, margins, and the training subset for the train loss. */
public final class PlaneSliceNodeParameters implements NodeParameters {

    @Widget(title = "Grid points per axis", description = "The plane is evaluated on a G × G grid (the paper: 21).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "grid")
    int m_grid = 21;

    @Widget(title = "Margin", description = "How far the grid reaches beyond the three points, as a fraction of "
        + "‖u‖ and ‖v‖: the grid spans [−margin, 1 + margin] on both axes.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = "margin")
    double m_margin = 0.2;

    @Widget(title = "Training rows for the train loss", description = "0: all rows of the training table. "
        + "Otherwise the train loss (and BatchNorm statistics) use the first this many rows, which is faster; the "
        + "output says how many were used.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = "trainSubset")
    int m_trainSubset;

    @Widget(title = "Curve points", description = "How many points of the curve are projected into the plane and "
        + "drawn on the heat map.", advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "curvePoints")
    int m_curvePoints = 61;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            planeSettings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    PlaneSettings planeSettings() {
        return new PlaneSettings(m_grid, m_margin, m_trainSubset, m_curvePoints, PlaneSettings.defaultWorkers());
    }
}
