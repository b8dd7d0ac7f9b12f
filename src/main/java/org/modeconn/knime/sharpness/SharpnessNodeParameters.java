package org.modeconn.knime.sharpness;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.sharpness.SharpnessSettings;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Sharpness: the eigenvalues and trace samples asked for, the data, the seed, the curve's points. */
public final class SharpnessNodeParameters implements NodeParameters {

    @Widget(title = "Largest eigenvalues", description = "How many of the Hessian's largest eigenvalues (Lanczos), "
        + "one column each, largest first.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "top")
    int m_top = SharpnessSettings.DEFAULT_TOP;

    @Widget(title = "Trace samples", description = "Rademacher vectors of Hutchinson's estimate of the trace (each one "
        + "Hessian-vector product); the table gives the estimate's standard error beside it. 0: no trace.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = "traceSamples")
    int m_traceSamples = SharpnessSettings.DEFAULT_TRACE_SAMPLES;

    @Widget(title = "Batches", description = "The loss is the mean cross-entropy (no weight decay) over the first this "
        + "many batches of 128 training rows, in table order; 0: over all rows.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = "batches")
    int m_batches;

    @Widget(title = "Points along the curve", description = "With a curve: equally spaced t in [0, 1], both ends "
        + "included, one row each (each point's network as Curve Point gives it).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "points")
    int m_points = 11;

    @Widget(title = "Seed", description = "The seed of Lanczos's start vector and of the trace's random vectors: the "
        + "same seed gives the same figures.")
    @Persist(configKey = "seed")
    long m_seed = 1;

    @Widget(title = "Most Lanczos steps", description = "Each step is one Hessian-vector product and keeps one vector "
        + "of the network's size; Lanczos stops earlier once the eigenvalues asked for have converged.",
        advanced = true)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "lanczosSteps")
    int m_lanczosSteps = SharpnessSettings.DEFAULT_MAX_LANCZOS_STEPS;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            settings();
            CurveEvaluator.requirePoints(m_points);
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    SharpnessSettings settings() {
        return new SharpnessSettings(m_batches, m_top, m_traceSamples, m_seed, m_lanczosSteps,
            SharpnessSettings.DEFAULT_STEP);
    }
}
