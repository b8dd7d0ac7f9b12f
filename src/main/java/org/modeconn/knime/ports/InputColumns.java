package org.modeconn.knime.ports;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which table columns a model reads: its feature columns, in input order, or one column of PNG images, and
 * the target column it was trained on. Downstream nodes find their inputs by these names.
 *
 * @param features the feature column names, in the order of the network's inputs; empty when the features are
 *        the pixels of {@code imageColumn}
 * @param target the target (class) column name
 * @param imageColumn the column of PNG image cells whose pixels are the features, or null
 */
public record InputColumns(@JsonProperty("features") List<String> features, @JsonProperty("target") String target,
    @JsonProperty("imageColumn") @JsonInclude(JsonInclude.Include.NON_NULL) String imageColumn) {

    /** The metadata key under which an ONNX file written by ONNX Network Writer names these columns, as JSON. */
    public static final String ONNX_METADATA_KEY = "knime.modeconn.columns";

    /** Copies the list and checks that something was named. */
    @JsonCreator
    public InputColumns {
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
        if (features.isEmpty() == (imageColumn == null)) {
            throw new IllegalArgumentException("give either feature columns or an image column");
        }
    }

    /** Numeric feature columns and a target. */
    public InputColumns(final List<String> features, final String target) {
        this(features, target, null);
    }

    /** The pixels of the PNG images in {@code imageColumn}, and a target. */
    public static InputColumns images(final String imageColumn, final String target) {
        return new InputColumns(List.of(), target, Objects.requireNonNull(imageColumn));
    }

    /** Whether the features are the pixels of an image column. */
    public boolean readsImages() {
        return imageColumn != null;
    }

    /** What the features are, for messages and views: the column names, or the image column. */
    public String describeFeatures() {
        return readsImages() ? "the pixels of the images in '" + imageColumn + "'" : features.size() + " columns";
    }
}
