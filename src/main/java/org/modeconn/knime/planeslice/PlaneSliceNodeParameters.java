package org.modeconn.knime.planeslice;

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
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.RandomPlane;
import org.modeconn.knime.node.NodeMessages;

/**
 * The settings of Plane Slice: which slice (the plane through a curve or three networks, of random directions
 * around one network, or a 1-D line), grid size, reach, and the training subset for the train loss.
 */
public final class PlaneSliceNodeParameters implements NodeParameters {

    /** Which plane is sliced. */
    enum Plane {
        @Label(value = "Through three points", description = "The plane through the curve's ends and middle bend, "
            + "or through the three networks (the paper's).")
        THROUGH_POINTS,
        @Label(value = "Random directions around one network", description = "Two random directions, "
            + "filter-normalised (Li et al., 2018), around the network at the 'First network' port.")
        RANDOM_DIRECTIONS,
        @Label(value = "Line between two networks", description = "A 1-D slice along the straight line from the "
            + "network at the 'First network' port to the one at the 'Second network' port.")
        LINE_BETWEEN_NETWORKS,
        @Label(value = "One random direction around one network", description = "A 1-D slice along one random "
            + "filter-normalised direction through the network at the 'First network' port.")
        RANDOM_DIRECTION_LINE
    }

    static final class PlaneRef implements ParameterReference<Plane> {
    }

    static final class RandomDirectionsChosen implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(PlaneRef.class).isOneOf(Plane.RANDOM_DIRECTIONS, Plane.RANDOM_DIRECTION_LINE);
        }
    }

    static final class MarginChosen implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(PlaneRef.class).isOneOf(Plane.THROUGH_POINTS, Plane.LINE_BETWEEN_NETWORKS);
        }
    }

    static final class CurveDrawn implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getEnum(PlaneRef.class).isOneOf(Plane.THROUGH_POINTS);
        }
    }

    @Widget(title = "Slice", description = "Through three points: the plane of a curve (or of three networks), "
        + "with the curve drawn on it. Random directions: the loss around one network along two random directions, "
        + "each filter's or neuron's part scaled to the norm of its weights, so that networks of different scales "
        + "compare. The two 1-D slices give the loss along one line: between two networks, or along one random "
        + "direction; their grid has one row and the image is a plot against the distance.")
    @ValueReference(PlaneRef.class)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "plane")
    Plane m_plane = Plane.THROUGH_POINTS;

    @Widget(title = "Grid points per axis", description = "The plane is evaluated on a G × G grid (the paper: 21); "
        + "a 1-D slice at G points.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "grid")
    int m_grid = 21;

    @Widget(title = "Margin", description = "How far the grid reaches beyond the three points (or the two "
        + "networks of a line), as a fraction of ‖u‖ and ‖v‖: the grid spans [−margin, 1 + margin] on both axes.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Effect(predicate = MarginChosen.class, type = EffectType.SHOW)
    @Persist(configKey = "margin")
    double m_margin = 0.2;

    @Widget(title = "Reach", description = "The grid runs from −reach to +reach along each random direction, in "
        + "units of the direction (1: each filter moved by as much as its weights' norm).")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Effect(predicate = RandomDirectionsChosen.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "reach")
    double m_reach = RandomPlane.DEFAULT_RANGE;

    @Widget(title = "Direction seed", description = "Decides the random directions: the same seed gives the "
        + "same directions, so slices of one network compare.")
    @Effect(predicate = RandomDirectionsChosen.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "directionSeed")
    long m_directionSeed = 1;

    @Widget(title = "Move biases and BatchNorm", description = "Whether biases and BatchNorm's γ and β move along "
        + "the directions too (by their own values); by default only the weights move, as Li et al. plot.",
        advanced = true)
    @Effect(predicate = RandomDirectionsChosen.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "moveBiasAndBatchNorm")
    boolean m_moveBiasAndBatchNorm;

    @Widget(title = "Training rows for the train loss", description = "0: all rows of the training table. "
        + "Otherwise the train loss (and BatchNorm statistics) use the first this many rows, which is faster; the "
        + "output says how many were used.")
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = "trainSubset")
    int m_trainSubset;

    @Widget(title = "Curve points", description = "How many points of the curve are projected into the plane and "
        + "drawn on the heat map.", advanced = true)
    @Effect(predicate = CurveDrawn.class, type = EffectType.SHOW)
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "curvePoints")
    int m_curvePoints = 61;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            planeSettings();
            randomPlane();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    /** The random-direction plane, when that is the one chosen. */
    RandomPlane randomPlane() {
        return new RandomPlane(m_directionSeed, m_reach, m_moveBiasAndBatchNorm);
    }

    PlaneSettings planeSettings() {
        return new PlaneSettings(m_grid, m_margin, m_trainSubset, m_curvePoints, PlaneSettings.defaultWorkers());
    }
}
