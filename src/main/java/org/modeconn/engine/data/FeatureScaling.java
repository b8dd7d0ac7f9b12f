package org.modeconn.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;

/**
 * How raw features become network inputs: x' = (x − shift[j]) · factor[j]. Fitted once on the training
 * data, stored with the network and applied wherever the network is used later, so that a network
 * always sees inputs scaled as in its training.
 */
public final class FeatureScaling {

    /** How a {@link FeatureScaling} is chosen from the training data. */
    public enum Mode {
        /** Image pixels (0..255) to [0, 1]; other numeric features standardised. */
        AUTO,
        /** Every feature to mean 0 and standard deviation 1 (constant features are only centred). */
        STANDARDIZE,
        /** Pixels to [0, 1]: divide by 255. */
        PIXELS,
        /** Features are used as they are. */
        NONE
    }

    private final String kind;
    private final float[] shift;
    private final float[] factor;

    @JsonCreator
    FeatureScaling(@JsonProperty("kind") String kind, @JsonProperty("shift") float[] shift,
            @JsonProperty("factor") float[] factor) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.shift = shift.clone();
        this.factor = factor.clone();
        if (shift.length != factor.length) {
            throw new IllegalArgumentException("shift and factor differ in length");
        }
    }

    /** The identity for {@code features} features. */
    public static FeatureScaling none(int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return new FeatureScaling("none", new float[features], ones);
    }

    /** Division by 255 for every feature. */
    public static FeatureScaling pixels(int features) {
        float[] f = new float[features];
        Arrays.fill(f, 1f / 255f);
        return new FeatureScaling("pixels", new float[features], f);
    }

    /** Fits the scaling that {@code mode} asks for on {@code data}'s raw features. */
    public static FeatureScaling fit(Dataset data, Mode mode) {
        Mode m = mode;
        if (m == Mode.AUTO) {
            m = data.isPixelData() ? Mode.PIXELS : Mode.STANDARDIZE;
        }
        switch (m) {
            case NONE:
                return none(data.numFeatures());
            case PIXELS:
                return pixels(data.numFeatures());
            default:
                return standardize(data);
        }
    }

    private static FeatureScaling standardize(Dataset data) {
        int n = data.numExamples();
        int d = data.numFeatures();
        float[] x = data.rawFeatures();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[row + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double c = x[row + j] - mean[j];
                var[j] += c * c;
            }
        }
        float[] shift = new float[d];
        float[] factor = new float[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(var[j] / Math.max(1, n - 1));
            shift[j] = (float) mean[j];
            // A constant column carries no information; scaling it by 1/0 would only make NaN.
            factor[j] = sd > 1e-12 ? (float) (1.0 / sd) : 1f;
        }
        return new FeatureScaling("standardize", shift, factor);
    }

    /** "none", "pixels" or "standardize". */
    @JsonProperty("kind")
    public String kind() {
        return kind;
    }

    @JsonProperty("shift")
    float[] shift() {
        return shift.clone();
    }

    @JsonProperty("factor")
    float[] factor() {
        return factor.clone();
    }

    /** The number of features this scaling was fitted on. */
    public int numFeatures() {
        return shift.length;
    }

    /** Scales a row-major [n, d] array in place. */
    public void applyInPlace(float[] rows) {
        int d = shift.length;
        if (d == 0 || rows.length % d != 0) {
            throw new IllegalArgumentException("rows do not have " + d + " features");
        }
        for (int i = 0; i < rows.length; i += d) {
            for (int j = 0; j < d; j++) {
                rows[i + j] = (rows[i + j] - shift[j]) * factor[j];
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureScaling other && kind.equals(other.kind) && Arrays.equals(shift, other.shift)
            && Arrays.equals(factor, other.factor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(shift), Arrays.hashCode(factor));
    }

    @Override
    public String toString() {
        return "FeatureScaling[" + kind + ", " + shift.length + " features]";
    }
}
