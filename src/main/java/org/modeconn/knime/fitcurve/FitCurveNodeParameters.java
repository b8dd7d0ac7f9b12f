package org.modeconn.knime.fitcurve;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.knime.node.AugmentationChoice;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.SgdParameters;

/** The settings of Fit Curve: the curve family and bends, SGD, schedule, seed. Defaults are the paper's. */
public final class FitCurveNodeParameters implements NodeParameters {

    /** The curve families of the paper. */
    enum Family {
        @Label(value = "Bezier", description = "A Bezier curve; with 3 bends the paper's quadratic curve.")
        BEZIER,
        @Label(value = "Polygonal chain", description = "Straight segments through the bends; with 3 bends one bend.")
        POLYCHAIN
    }

    @Widget(title = "Curve", description = "The family of the curve between the two networks.")
    @Persist(configKey = "curveType")
    Family m_curveType = Family.BEZIER;

    @Widget(title = "Bends", description = "Control points including both ends: 3 is the paper's quadratic Bezier "
        + "curve or one-bend chain; more bends give more flexible curves.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "bends")
    int m_bends = 3;

    @Widget(title = "Fix the ends", description = "Hold the two networks fixed (the paper's setting); otherwise the "
        + "ends move too.")
    @Persist(configKey = "fixEnds")
    boolean m_fixEnds = true;

    @Widget(title = "Epochs", description = "Passes over the training table; each batch samples one t ~ U(0, 1).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "epochs")
    int m_epochs = 20;

    @Persist(configKey = SgdParameters.CONFIG_KEY)
    @Migration(SgdParameters.FromTopLevelKeys.class)
    SgdParameters m_sgd = new SgdParameters();

    @Widget(title = "Learning rate", description = "The initial learning rate of SGD on the bends.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Persist(configKey = "learningRate")
    double m_learningRate = SgdSettings.CURVE_LEARNING_RATE;

    @Widget(title = "Learning-rate schedule", description = "How the learning rate changes per epoch: "
        + LearningRateSchedule.FORMS + ".")
    @Persist(configKey = "schedule")
    String m_schedule = "reference";

    @Widget(title = "Seed", description = "Decides the order of examples and the sampled t: the same seed and "
        + "inputs give the same curve.")
    @Persist(configKey = "seed")
    long m_seed = 1;

    @Widget(title = "Augmentation", description = AugmentationChoice.DESCRIPTION, advanced = true)
    @Effect(predicate = AugmentationChoice.InputNetworkReadsImages.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "augmentation")
    AugmentationChoice m_augmentation = AugmentationChoice.NONE;

    @Widget(title = "Crop padding", description = AugmentationChoice.PADDING_DESCRIPTION, advanced = true)
    @Effect(predicate = AugmentationChoice.InputNetworkReadsImages.class, type = EffectType.SHOW)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "cropPadding")
    int m_cropPadding;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            fitSettings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    CurveFitSettings fitSettings() {
        return new CurveFitSettings(CurveType.valueOf(m_curveType.name()), m_bends, m_fixEnds, m_fixEnds, m_epochs,
            m_sgd.m_batchSize, m_sgd.toSgdSettings(m_learningRate, false),
            LearningRateSchedule.parse(m_schedule), m_seed, m_augmentation.toAugmentation(m_cropPadding));
    }
}
