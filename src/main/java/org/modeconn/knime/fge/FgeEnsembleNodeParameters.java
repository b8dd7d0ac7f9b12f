package org.modeconn.knime.fge;

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
import org.modeconn.engine.ensemble.FgeSettings;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.knime.node.AugmentationChoice;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.SgdParameters;

/** The settings of FGE Ensemble: the cyclical learning rate and its cycle, the budget, SGD, seed. */
public final class FgeEnsembleNodeParameters implements NodeParameters {

    /** What the cycle length counts. */
    enum CycleUnit {
        @Label(value = "Epochs", description = "The paper's cycles of a few epochs.")
        EPOCHS,
        @Label(value = "Iterations", description = "Cycles of a number of batches: more, cheaper snapshots in the "
            + "same budget.")
        ITERATIONS
    }

    @Widget(title = "Cycle length", description = "The length c of one learning-rate cycle; a snapshot is taken in "
        + "its middle, where the rate is lowest. At least 2.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "cycleLength")
    int m_cycleLength = 2;

    @Widget(title = "Cycle unit", description = "Whether the cycle length counts epochs or iterations (batches).")
    @Persist(configKey = "cycleUnit")
    CycleUnit m_cycleUnit = CycleUnit.EPOCHS;

    @Widget(title = "Learning rate α1", description = "The rate at the start and end of each cycle (the highest).")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Persist(configKey = "lrStart")
    double m_lrStart = SgdSettings.LEARNING_RATE;

    @Widget(title = "Learning rate α2", description = "The rate in the middle of each cycle, where snapshots are "
        + "taken (the lowest).")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Persist(configKey = "lrEnd")
    double m_lrEnd = SgdSettings.FGE_LOW_RATE;

    @Widget(title = "Epochs", description = "Epochs of cyclical training after the start network (the paper: the "
        + "last 20% of the training budget).")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "epochs")
    int m_epochs = 4;

    @Persist(configKey = SgdParameters.CONFIG_KEY)
    @Migration(SgdParameters.FromTopLevelKeys.class)
    SgdParameters m_sgd = new SgdParameters();

    @Widget(title = "Seed", description = "Decides the order of examples: the same seed and inputs give the same "
        + "ensemble.")
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

    @Widget(title = "Sharpness of each snapshot", description = "Also give each snapshot's largest Hessian eigenvalue "
        + "of the training loss (over all training rows, as the Sharpness node measures it) in the snapshot table's "
        + "column lambda_max, evaluation mode. Each snapshot costs up to 60 Hessian-vector "
        + "products.", advanced = true)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "sharpness")
    boolean m_sharpness;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            fgeSettings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    FgeSettings fgeSettings() {
        boolean epochs = m_cycleUnit == CycleUnit.EPOCHS;
        return new FgeSettings(m_epochs, epochs ? m_cycleLength : 0, epochs ? 0 : m_cycleLength, m_lrStart, m_lrEnd,
            m_sgd.m_momentum, m_sgd.m_weightDecay, m_sgd.m_batchSize, m_seed, m_augmentation.toAugmentation(m_cropPadding));
    }
}
