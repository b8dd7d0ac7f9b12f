package org.modeconn.cli;

import org.modeconn.engine.data.FeatureScaling;
import picocli.CommandLine.Option;

/** The {@code --scaling} option of the commands that train new networks: how features become network inputs. */
final class ScalingOption {

    @Option(names = "--scaling", defaultValue = "AUTO", paramLabel = "SCALING",
        description = "Feature scaling, stored with the network: " + FeatureScaling.Mode.FORMS + ". AUTO: pixels "
            + "to [0,1], other columns standardised; CHANNELS: each image channel to mean 0 and deviation 1; "
            + "cifar-vgg, cifar-resnet: the reference's RGB presets. Default: ${DEFAULT-VALUE}.")
    String scaling;

    /** The scaling given, checked. */
    FeatureScaling.Mode mode() {
        return FeatureScaling.Mode.parse(scaling);
    }
}
