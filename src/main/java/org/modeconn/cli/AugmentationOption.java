package org.modeconn.cli;

import org.modeconn.engine.data.Augmentation;
import picocli.CommandLine.Option;

/** The {@code --augment} option of every command that trains: what is done to training images per batch. */
final class AugmentationOption {

    @Option(names = "--augment", defaultValue = "none", paramLabel = "AUGMENTATION",
        description = "What is done to training images batch by batch (never to evaluation): "
            + Augmentation.FORMS + ". Default: ${DEFAULT-VALUE}.")
    String augment;

    /** The augmentation given, checked. */
    Augmentation augmentation() {
        return Augmentation.parse(augment);
    }
}
