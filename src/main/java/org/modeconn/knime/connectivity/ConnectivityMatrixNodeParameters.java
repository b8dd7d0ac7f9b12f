package org.modeconn.knime.connectivity;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Connectivity Matrix: points along each path, and whether (and how long) curves are fitted. */
public final class ConnectivityMatrixNodeParameters implements NodeParameters {

    static final class FitCurvesRef implements ParameterReference<Boolean> {
    }

    static final class CurvesFitted implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(FitCurvesRef.class).isTrue();
        }
    }

    @Widget(title = "Points per path", description = "Points of t at which each line (and curve) is measured, its "
        + "ends included; BatchNorm statistics are recomputed at each.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "points")
    int m_points = ConnectivityMatrix.DEFAULT_POINTS;

    @Widget(title = "Also fit curves", description = "Also fit a Bezier curve (3 bends, fixed ends, the paper's "
        + "settings) between every pair and give its barriers beside the line's. Every pair is a fit of its own: "
        + "n networks take n(n−1)/2 fits.")
    @ValueReference(FitCurvesRef.class)
    @Persist(configKey = "fitCurves")
    boolean m_fitCurves;

    @Widget(title = "Curve epochs", description = "Epochs of each pair's curve fit: a short fit shows whether a "
        + "low path exists; the paper fits 600 epochs on CIFAR.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = CurvesFitted.class, type = EffectType.SHOW)
    @Persist(configKey = "curveEpochs")
    int m_curveEpochs = 2;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            CurveEvaluator.requirePoints(m_points);
            curveSettings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    CurveFitSettings curveSettings() {
        return ConnectivityMatrix.pairCurveFit(m_curveEpochs);
    }
}
