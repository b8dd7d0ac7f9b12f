package org.modeconn.knime.trainendpoint;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.NodeParametersInput;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.migration.Migration;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.updates.Effect;
import org.knime.node.parameters.updates.Effect.EffectType;
import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.updates.ParameterReference;
import org.knime.node.parameters.updates.ValueReference;
import org.knime.node.parameters.widget.choices.ChoicesProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.filter.ColumnFilter;
import org.knime.node.parameters.widget.choices.util.CompatibleColumnsProvider.DoubleColumnsProvider;
import org.knime.node.parameters.widget.number.NumberInputWidget;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsNonNegativeValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveDoubleValidation;
import org.knime.node.parameters.widget.number.NumberInputWidgetValidation.MinValidation.IsPositiveIntegerValidation;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingSettings;
import org.modeconn.knime.node.AugmentationChoice;
import org.modeconn.knime.node.ColumnChoices;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.SgdParameters;
import org.modeconn.knime.ports.InputColumns;
import org.modeconn.knime.table.TableDatasets;

/**
 * The settings of Train Endpoint: columns (or an image column), architecture, SGD, schedule, seed, and for images
 * augmentation and channel normalisation. Defaults are the paper's.
 */
public final class TrainEndpointNodeParameters implements NodeParameters {

    /** Refers to the image shape. */
    static final class ImageShapeRef implements ParameterReference<String> {
    }

    /** Refers to the image column. */
    static final class ImageColumnRef implements ParameterReference<String> {
    }

    /** Holds when the rows are images: an image shape is given or an image column chosen. */
    static final class ReadsImages implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getString(ImageShapeRef.class).matchesPattern("\\S")
                .or(i.getString(ImageColumnRef.class).matchesPattern("\\S"));
        }
    }

    /** Per-channel normalisation of images, replacing the feature scaling when chosen. */
    enum ChannelNormalisation {
        @Label(value = "As feature scaling", description = "The feature scaling above decides.")
        FEATURE_SCALING,
        @Label(value = "Per channel", description = "Each channel to mean 0 and deviation 1, computed over all its "
            + "pixels in the training table.")
        CHANNELS,
        @Label(value = "CIFAR VGG preset", description = "The reference's VGG normalisation of RGB images: means "
            + "(0.485, 0.456, 0.406), deviations (0.229, 0.224, 0.225) of pixels in [0, 1].")
        CIFAR_VGG,
        @Label(value = "CIFAR ResNet preset", description = "The reference's ResNet normalisation of RGB images: "
            + "means (0.4914, 0.4822, 0.4465), deviations (0.2023, 0.1994, 0.2010) of pixels in [0, 1].")
        CIFAR_RESNET
    }

    /** How features are scaled before they reach the network. */
    enum Scaling {
        @Label(value = "Automatic", description = "Pixel intensities 0–255 are divided by 255; other columns are "
            + "standardised to mean 0 and variance 1.")
        AUTO,
        @Label(value = "Standardise", description = "Every column to mean 0 and variance 1 (over the training table).")
        STANDARDIZE,
        @Label(value = "Pixels", description = "Divide by 255.")
        PIXELS,
        @Label(value = "None", description = "Use the values as they are.")
        NONE
    }

    /** Settings as saved, or a new node's defaults without a table. */
    TrainEndpointNodeParameters() {
    }

    /**
     * A new node's defaults for the connected table: every numeric column but the target selected as features, so
     * that the dialog shows the columns the node trains on.
     */
    TrainEndpointNodeParameters(final NodeParametersInput input) {
        input.getInTableSpec(0).ifPresent(spec -> {
            try {
                InputColumns defaults = TableDatasets.trainingColumns(spec, new String[0], "", "");
                m_featureColumns = new ColumnFilter(defaults.features().toArray(String[]::new));
                m_targetColumn = defaults.target();
            } catch (InvalidInputException e) {
                // No usable columns yet: the dialog starts empty and configure says what is missing.
            }
        });
    }

    @Widget(title = "Feature columns", description = "The numeric columns the network reads, in this order; the "
        + "target column is never one of them, even when selected here. A new node selects every numeric column "
        + "but the target; with none selected, every numeric column except the target is used. Columns that cannot "
        + "be features (not numeric) are named in a warning whatever the selection.")
    @ChoicesProvider(DoubleColumnsProvider.class)
    @Persist(configKey = "featureColumns")
    ColumnFilter m_featureColumns = new ColumnFilter();

    @Widget(title = "Target column", description = "The class column (strings or integers). Empty: the column "
        + "called label, class, target or y, else the last string or integer column.")
    @ChoicesProvider(ColumnChoices.ClassColumns.class)
    @Persist(configKey = "targetColumn")
    String m_targetColumn = "";

    @Widget(title = "Image column", description = "A column of PNG images (grey or RGB, all of one size) whose "
        + "pixels are the features; the feature columns and the image shape are then not used. Empty: the feature "
        + "columns are the features.")
    @ChoicesProvider(ColumnChoices.ImageColumns.class)
    @ValueReference(ImageColumnRef.class)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "imageColumn")
    String m_imageColumn = "";

    @Widget(title = "Image shape", description = "The shape C×H×W of a row's features, for convolutional "
        + "networks (for example 1x28x28 for MNIST). Empty for dense networks, and with an image column.")
    @ValueReference(ImageShapeRef.class)
    @Persist(configKey = "imageShape")
    String m_imageShape = "";

    @Widget(title = "Architecture", description = "The network: <tt>mlp:512,512</tt> (dense ReLU layers), "
        + "<tt>mlpbn:256,256</tt> (with BatchNorm), <tt>cnn</tt> or <tt>cnn:16,32,128</tt> (two conv layers and a "
        + "dense layer), <tt>vgg16</tt>, <tt>vgg16bn</tt>, <tt>preresnet:20</tt>.")
    @Persist(configKey = "architecture")
    String m_architecture = "mlp:512,512";

    @Widget(title = "Epochs", description = "Passes over the training table.")
    @NumberInputWidget(minValidation = IsPositiveIntegerValidation.class)
    @Persist(configKey = "epochs")
    int m_epochs = 20;

    @Persist(configKey = SgdParameters.CONFIG_KEY)
    @Migration(SgdParameters.FromTopLevelKeys.class)
    SgdParameters m_sgd = new SgdParameters();

    @Widget(title = "Learning rate", description = "The initial learning rate of SGD.")
    @NumberInputWidget(minValidation = IsPositiveDoubleValidation.class)
    @Persist(configKey = "learningRate")
    double m_learningRate = SgdSettings.LEARNING_RATE;

    @Widget(title = "Nesterov momentum", description = "Use Nesterov's form of momentum.", advanced = true)
    @Persist(configKey = "nesterov")
    boolean m_nesterov;

    @Widget(title = "Learning-rate schedule", description = "How the learning rate changes per epoch: "
        + LearningRateSchedule.FORMS + ".")
    @Persist(configKey = "schedule")
    String m_schedule = "reference";

    @Widget(title = "Feature scaling", description = "How features are scaled; the scaling is stored with the "
        + "network and applied wherever it is used.")
    @Persist(configKey = "scaling")
    Scaling m_scaling = Scaling.AUTO;

    @Widget(title = "Augmentation", description = AugmentationChoice.DESCRIPTION, advanced = true)
    @Effect(predicate = ReadsImages.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "augmentation")
    AugmentationChoice m_augmentation = AugmentationChoice.NONE;

    @Widget(title = "Crop padding", description = AugmentationChoice.PADDING_DESCRIPTION, advanced = true)
    @Effect(predicate = ReadsImages.class, type = EffectType.SHOW)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "cropPadding")
    int m_cropPadding;

    @Widget(title = "Channel normalisation", description = "How image channels are normalised; stored with the "
        + "network like the feature scaling. The presets are for RGB images.", advanced = true)
    @Effect(predicate = ReadsImages.class, type = EffectType.SHOW)
    @Migrate(loadDefaultIfAbsent = true)
    @Persist(configKey = "channelNormalisation")
    ChannelNormalisation m_channelNormalisation = ChannelNormalisation.FEATURE_SCALING;

    @Widget(title = "Stop after epoch", description = "0: train all epochs. Otherwise stop after this epoch of the "
        + "schedule and keep the optimiser's momentum with the network, as FGE's start from epoch 16 of 20 does.",
        advanced = true)
    @NumberInputWidget(minValidation = IsNonNegativeValidation.class)
    @Persist(configKey = "stopAfterEpoch")
    int m_stopAfterEpoch;

    @Widget(title = "Seed", description = "Decides the initial weights and the order of examples: the same seed "
        + "and data give the same network.")
    @Persist(configKey = "seed")
    long m_seed = 1;

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            architecture();
            imageShape();
            trainingSettings();
        } catch (InvalidInputException e) {
            throw NodeMessages.invalidSettings(e);
        }
    }

    ArchitectureSpec architecture() {
        return ArchitectureParser.parse(m_architecture);
    }

    ImageShape imageShape() {
        return m_imageShape == null || m_imageShape.isBlank() || readsImageColumn() ? null
            : ImageShape.parse(m_imageShape);
    }

    boolean readsImageColumn() {
        return m_imageColumn != null && !m_imageColumn.isBlank();
    }

    Augmentation augmentation() {
        return m_augmentation.toAugmentation(m_cropPadding);
    }

    FeatureScaling.Mode scalingMode() {
        return m_channelNormalisation == ChannelNormalisation.FEATURE_SCALING
            ? FeatureScaling.Mode.valueOf(m_scaling.name()) : FeatureScaling.Mode.valueOf(m_channelNormalisation.name());
    }

    TrainingSettings trainingSettings() {
        TrainingSettings s = new TrainingSettings(m_epochs, m_sgd.m_batchSize,
            m_sgd.toSgdSettings(m_learningRate, m_nesterov), LearningRateSchedule.parse(m_schedule), m_seed,
            scalingMode(), 0, augmentation());
        if (m_stopAfterEpoch < 0 || m_stopAfterEpoch > m_epochs) {
            throw new InvalidInputException("'Stop after epoch' is " + m_stopAfterEpoch + " but the schedule has "
                + m_epochs + " epochs.", "Give 0 to train all epochs, or an epoch between 1 and " + m_epochs + ".");
        }
        return s;
    }

    int stopAfterEpoch() {
        return m_stopAfterEpoch == 0 ? m_epochs : m_stopAfterEpoch;
    }
}
