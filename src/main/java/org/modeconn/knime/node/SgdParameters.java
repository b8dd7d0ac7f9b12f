package org.modeconn.knime.node;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.ConfigMigration;
import org.knime.node.parameters.migration.NodeParametersMigration;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.train.SgdSettings;

/**
 * The SGD settings the three training nodes (Train Endpoint, Fit Curve, FGE Ensemble) share, written once with
 * the paper's defaults: batch size, momentum and weight decay (the learning rate, whose default and meaning
 * differ per node, stays with each node). Saved as the sub-config {@code sgd}; workflows saved before the group
 * existed hold the three as top-level keys, which {@link FromTopLevelKeys} loads. A nested group must itself be
 * {@link NodeParameters}: KNIME has no persistor for a group that is only a {@code WidgetGroup}.
 */
public final class SgdParameters implements NodeParameters {

    /** The config key of the group in each node's settings. */
    public static final String CONFIG_KEY = "sgd";

    static final String BATCH_SIZE = "batchSize";

    static final String MOMENTUM = "momentum";

    static final String WEIGHT_DECAY = "weightDecay";

    @Widget(title = "Batch size", description = "Examples per SGD step.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = BATCH_SIZE)
    public int m_batchSize = SgdSettings.BATCH_SIZE;

    @Widget(title = "Momentum", description = "SGD momentum, in [0, 1).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = MOMENTUM)
    public double m_momentum = SgdSettings.MOMENTUM;

    @Widget(title = "Weight decay", description = "L2 penalty wd/2·‖w‖² on the trained weights (biases and "
        + "BatchNorm too).")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = WEIGHT_DECAY)
    public double m_weightDecay = SgdSettings.WEIGHT_DECAY;

    /** The paper's settings. */
    public SgdParameters() {
    }

    private SgdParameters(final int batchSize, final double momentum, final double weightDecay) {
        m_batchSize = batchSize;
        m_momentum = momentum;
        m_weightDecay = weightDecay;
    }

    /** The engine's SGD settings with {@code learningRate} (which check the ranges, naming the fix). */
    public SgdSettings toSgdSettings(final double learningRate, final boolean nesterov) {
        return new SgdSettings(learningRate, m_momentum, nesterov, m_weightDecay);
    }

    /** Loads the group from the top-level keys that workflows saved before it existed. */
    public static final class FromTopLevelKeys implements NodeParametersMigration<SgdParameters> {
        @Override
        public List<ConfigMigration<SgdParameters>> getConfigMigrations() {
            return List.of(ConfigMigration.builder(FromTopLevelKeys::load).withDeprecatedConfigPath(BATCH_SIZE)
                .withDeprecatedConfigPath(MOMENTUM).withDeprecatedConfigPath(WEIGHT_DECAY).build());
        }

        private static SgdParameters load(final NodeSettingsRO settings) throws InvalidSettingsException {
            return new SgdParameters(settings.getInt(BATCH_SIZE), settings.getDouble(MOMENTUM),
                settings.getDouble(WEIGHT_DECAY));
        }
    }
}
