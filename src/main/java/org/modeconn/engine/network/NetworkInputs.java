package org.modeconn.engine.network;

import org.modeconn.engine.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.ImageShape;

/** Checks that data fits a network and re-indexes its labels into the network's classes. */
public final class NetworkInputs {

    private NetworkInputs() {
    }

    /**
     * @param spec the network's spec
     * @param data the data to feed it
     * @param role what the data is for, in messages ("training data", "test data")
     * @return the data with labels in the network's class order and the network's image shape
     * @throws InvalidInputException if the feature count differs or the data has classes the network lacks
     */
    public static Dataset align(NetworkSpec spec, Dataset data, String role) {
        return align(spec.inputFeatures(), spec.imageShape(), spec.classNames(), "the network takes",
            byName(spec, data, role), role);
    }

    /**
     * The data's columns in the network's order, matched by name when the network knows its feature names.
     * Images whose pixels are named otherwise (an IDX file's and a CSV's) are taken in order when their count
     * fits; any other data must have every column the network was trained on.
     */
    private static Dataset byName(NetworkSpec spec, Dataset data, String role) {
        List<String> names = spec.featureNames();
        if (names == null || names.equals(data.featureNames())) {
            return data;
        }
        boolean renamedPixels = data.isPixelData() && data.numFeatures() == names.size()
            && !data.featureNames().containsAll(names);
        return renamedPixels ? data : data.selectFeatures(names, role);
    }

    /**
     * The same check against another data set's shape (test data against training data).
     *
     * @param reference the data whose columns and classes rule
     */
    public static Dataset alignTo(Dataset reference, Dataset data, String role) {
        return align(reference.numFeatures(), reference.imageShape().orElse(null), reference.classNames(),
            "the training data has", data, role);
    }

    private static Dataset align(int features, ImageShape shape, List<String> classes, String against, Dataset data,
            String role) {
        if (data.numFeatures() != features) {
            throw new InvalidInputException("The " + role + " '" + data.name() + "' has " + data.numFeatures()
                + " features but " + against + " " + features + ".",
                "Give data with the same feature columns as the network was trained on.");
        }
        Dataset aligned = data.alignClasses(classes);
        if (shape != null && !aligned.imageShape().equals(Optional.of(shape))) {
            aligned = aligned.withImageShape(shape);
        }
        return aligned;
    }
}
