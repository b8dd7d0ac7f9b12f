package org.modeconn.knime.node;

import org.knime.node.parameters.updates.EffectPredicate;
import org.knime.node.parameters.updates.EffectPredicateProvider;
import org.knime.node.parameters.widget.choices.Label;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.knime.ports.ModelPortSpec;

/** The augmentation choices of the training nodes' dialogs, as the engine's {@link Augmentation} kinds. */
public enum AugmentationChoice {
    /** Images as they are. */
    @Label(value = "None", description = "Training images are used as they are.")
    NONE,
    /** Mirrored with probability 1/2. */
    @Label(value = "Flip", description = "Each training image is mirrored left to right with probability 1/2.")
    FLIP,
    /** The reference's CIFAR augmentation. */
    @Label(value = "Crop and flip", description = "Each training image is padded with black, cropped back to its "
        + "size at a random place, then mirrored with probability 1/2: the reference's CIFAR training.")
    CROP_FLIP;

    /** The dialog's description of the augmentation setting, shared by every node that has it. */
    public static final String DESCRIPTION = "What is done to the training images batch by batch, decided by the "
        + "seed, the epoch and the example, so that a run is reproducible. Evaluation and the BatchNorm statistics "
        + "always see the images as they are. Shown for image data only.";

    /** The dialog's description of the crop padding setting. */
    public static final String PADDING_DESCRIPTION = "The black border added before a crop, in pixels; 0 takes an "
        + "eighth of the image's shorter side (4 for 32×32 images).";

    /** The engine's augmentation for this choice and a padding (0: the image's default). */
    public Augmentation toAugmentation(final int padding) {
        Augmentation.Kind kind = Augmentation.Kind.valueOf(name());
        return new Augmentation(kind, kind == Augmentation.Kind.CROP_FLIP && padding != 0 ? padding : null);
    }

    /**
     * Shows a setting when the network at input port 0 reads images, or while that is not yet known (the upstream
     * node has not run).
     */
    public static final class InputNetworkReadsImages implements EffectPredicateProvider {
        @Override
        public EffectPredicate init(final PredicateInitializer i) {
            return i.getConstant(input -> input.getInPortSpecs().length == 0
                || !(input.getInPortSpecs()[0] instanceof ModelPortSpec model)
                || model.description().network().imageShape() != null);
        }
    }
}
