package org.modeconn.knime.alignnetworks;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
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
import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.knime.node.NodeMessages;

/** The settings of Align Networks: how long weight matching may run, and the order of its permutations. */
public final class AlignNetworksNodeParameters implements NodeParameters {

    static final class MeasureLinesRef implements ParameterReference<Boolean> {
    }

    static final class LinesMeasured implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getBoolean(MeasureLinesRef.class).isTrue();
        }
    }

    @Widget(title = "Most sweeps", description = "Weight matching sets each permutation in turn to its best match "
        + "with the others held, and sweeps over them until a sweep changes none; this caps the sweeps.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "maxSweeps")
    int m_maxSweeps = AlignmentSettings.DEFAULT_MAX_SWEEPS;

    @Widget(title = "Seed", description = "Decides the order of the permutations within each sweep.")
    @Persist(configKey = "seed")
    long m_seed = AlignmentSettings.DEFAULT_SEED;

    @Widget(title = "Measure the lines", description = "With the training table connected: also measure the straight "
        + "line from the reference to the network before and after alignment (BatchNorm statistics recomputed at "
        + "every point), paths \"line\" and \"aligned line\" of the third output, and their barriers; with the test "
        + "table, their test figures too.")
    @ValueReference(MeasureLinesRef.class)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "measureLines")
    boolean m_measureLines;

    @Widget(title = "Points along the lines", description = "Equally spaced points of each line, both ends included.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Effect(predicate = LinesMeasured.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "points")
    int m_points = 21;

    @Widget(title = "REPAIR", description = "Also measure the aligned line with REPAIR (Jordan et al., ICLR 2023), path "
        + "\"aligned line (REPAIR)\": at every point each hidden layer's per-channel output mean and deviation reset "
        + "to the interpolation of the ends', on the training table. For networks without BatchNorm, whose statistics "
        + "nothing else repairs.")
    @Effect(predicate = LinesMeasured.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "repair")
    boolean m_repair;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            CurveEvaluator.requirePoints(m_points);
            settings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    AlignmentSettings settings() {
        return new AlignmentSettings(m_maxSweeps, m_seed);
    }
}
