package org.modeconn.engine.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.TensorShape;

/**
 * Everything needed to build a network: the architecture, the input (feature count, the features' names and, for
 * convolutional families, the image shape) and the class names. Two networks with equal specs have the
 * same parameter layout, which is what curves between them need.
 *
 * @param architecture family and hyper-parameters
 * @param inputFeatures d, the length of a (flat) input row
 * @param imageShape the C×H×W shape of a row, or null for non-image families
 * @param classNames the output classes, in output order
 * @param featureNames the training data's feature names in input order, by which later data is matched; null
 *        in files written before they were stored (format version 1)
 */
public record NetworkSpec(ArchitectureSpec architecture, int inputFeatures, ImageShape imageShape,
        List<String> classNames, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> featureNames) {

    /** Validates that the input fits the architecture. */
    @JsonCreator
    public NetworkSpec(@JsonProperty("architecture") ArchitectureSpec architecture,
            @JsonProperty("inputFeatures") int inputFeatures, @JsonProperty("imageShape") ImageShape imageShape,
            @JsonProperty("classNames") List<String> classNames,
            @JsonProperty("featureNames") List<String> featureNames) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.inputFeatures = inputFeatures;
        this.imageShape = imageShape;
        this.classNames = List.copyOf(classNames);
        this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
        if (featureNames != null && featureNames.size() != inputFeatures) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + inputFeatures
                + " features");
        }
        if (inputFeatures <= 0) {
            throw new InvalidInputException("A network needs at least one input feature.",
                "Give data with numeric feature columns.");
        }
        if (this.classNames.size() < 2) {
            throw new InvalidInputException("The training data has only " + this.classNames.size()
                + " class " + this.classNames + ": a classifier needs at least two.",
                "Check the label column, or give data that contains at least two classes.");
        }
        if (architecture.needsImages() && imageShape == null) {
            throw new InvalidInputException("The architecture '" + architecture.describe()
                + "' is convolutional and needs image-shaped input, but no image shape is known for the data.",
                "Give the image shape C×H×W of a row (for example 1x28x28), or choose an MLP.");
        }
        if (imageShape != null && imageShape.size() != inputFeatures) {
            throw new InvalidInputException("The image shape " + imageShape + " does not match the " + inputFeatures
                + " input features.", "Give an image shape whose C·H·W equals the number of feature columns.");
        }
        // refuses an architecture that does not fit the input (a pool below 1×1) now, not when it is built
        layers();
    }

    /** A spec without feature names (for networks not trained on named data: benchmarks, self-checks). */
    public NetworkSpec(ArchitectureSpec architecture, int inputFeatures, ImageShape imageShape,
            List<String> classNames) {
        this(architecture, inputFeatures, imageShape, classNames, null);
    }

    /** The same inputs and classes with another architecture (its variant in evaluation mode, say). */
    public NetworkSpec withArchitecture(ArchitectureSpec other) {
        return new NetworkSpec(other, inputFeatures, imageShape, classNames, featureNames);
    }

    /** The network's layers, from its input to the softmax classifier (built anew at each call). */
    public NetworkLayers layers() {
        TensorShape input = architecture.needsImages()
            ? TensorShape.image(imageShape.channels(), imageShape.height(), imageShape.width())
            : TensorShape.flat(inputFeatures);
        NetworkLayers.Builder b = NetworkLayers.builder(input, architecture.describe());
        architecture.appendLayers(b);
        return b.softmaxOutput(numClasses());
    }

    /** The number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * Explains how {@code other} differs from this spec, or returns null if they are equal: used to refuse
     * curves between networks whose parameters do not line up.
     */
    public String differenceFrom(NetworkSpec other) {
        if (!architecture.equals(other.architecture)) {
            return "the architectures differ: " + architecture.describe() + " vs " + other.architecture.describe();
        }
        if (inputFeatures != other.inputFeatures) {
            return "the input sizes differ: " + inputFeatures + " vs " + other.inputFeatures + " features";
        }
        if (!Objects.equals(imageShape, other.imageShape)) {
            return "the image shapes differ: " + imageShape + " vs " + other.imageShape;
        }
        if (!classNames.equals(other.classNames)) {
            return "the classes differ: " + classNames + " vs " + other.classNames;
        }
        if (featureNames != null && other.featureNames != null && !featureNames.equals(other.featureNames)) {
            for (int i = 0; i < featureNames.size(); i++) {
                if (!featureNames.get(i).equals(other.featureNames.get(i))) {
                    return "the feature columns differ: input " + (i + 1) + " is '" + featureNames.get(i) + "' vs '"
                        + other.featureNames.get(i) + "'";
                }
            }
        }
        return null;
    }
}
