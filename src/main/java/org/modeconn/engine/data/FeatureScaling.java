package org.modeconn.engine.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Objects;
import org.modeconn.engine.InvalidInputException;

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
        NONE,
        /** Each image channel to mean 0 and standard deviation 1, over all its pixels in the training data. */
        CHANNELS,
        /** The reference's VGG normalisation of RGB images in [0, 1]: ImageNet's channel means and deviations. */
        CIFAR_VGG,
        /** The reference's ResNet normalisation of RGB images in [0, 1]: CIFAR-10's channel means and deviations. */
        CIFAR_RESNET;

        /** The forms {@link #parse} reads, for help texts. */
        public static final String FORMS = "AUTO, STANDARDIZE, PIXELS, NONE, CHANNELS, cifar-vgg, cifar-resnet";

        /** Reads a mode by its name in any letter case, with '-' for '_' ("cifar-vgg"). */
        public static Mode parse(String text) {
            String t = text == null ? "" : text.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
            for (Mode m : values()) {
                if (m.name().equals(t)) {
                    return m;
                }
            }
            throw new InvalidInputException("The feature scaling '" + text + "' is not known.",
                "Give one of " + FORMS + ".");
        }

        /** The name as written on the command line and in JSON: lower case with '-' for the presets. */
        public String word() {
            return this == CIFAR_VGG || this == CIFAR_RESNET ? name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-') : name();
        }
    }

    /** The means and deviations of the CIFAR_VGG preset, per RGB channel of images in [0, 1]. */
    private static final float[][] VGG_PRESET = {{0.485f, 0.456f, 0.406f}, {0.229f, 0.224f, 0.225f}};

    /** The means and deviations of the CIFAR_RESNET preset, per RGB channel of images in [0, 1]. */
    private static final float[][] RESNET_PRESET = {{0.4914f, 0.4822f, 0.4465f}, {0.2023f, 0.1994f, 0.2010f}};

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

    /**
     * x' = (x − shift[j]) · factor[j] as stated by a model file rather than fitted here.
     *
     * @param kind what it is, in messages and files
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static FeatureScaling of(String kind, float[] shift, float[] factor) {
        return new FeatureScaling(kind, shift, factor);
    }

    /**
     * A preset's channel means and deviations, given for images in [0, 1], for images of {@code shape} whose
     * values are in [0, {@code unit}].
     */
    public static FeatureScaling preset(Mode preset, ImageShape shape, float unit) {
        float[][] meanAndSd = switch (preset) {
            case CIFAR_VGG -> VGG_PRESET;
            case CIFAR_RESNET -> RESNET_PRESET;
            default -> throw new IllegalArgumentException(preset + " is not a preset");
        };
        if (shape.channels() != meanAndSd[0].length) {
            throw new InvalidInputException("The feature scaling " + preset.word() + " is made for "
                + meanAndSd[0].length + "-channel (RGB) images, but the input has " + shape.channels() + " channel"
                + (shape.channels() == 1 ? "" : "s") + " (" + shape + ").",
                "Give per-channel means and deviations instead, or none.");
        }
        double[] means = new double[shape.channels()];
        double[] deviations = new double[shape.channels()];
        for (int c = 0; c < shape.channels(); c++) {
            means[c] = meanAndSd[0][c] * unit;
            deviations[c] = meanAndSd[1][c] * unit;
        }
        return perChannel(preset.word(), shape, means, deviations);
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
            case CHANNELS:
                return channels(data, requireImages(data, m));
            case CIFAR_VGG:
                return preset(data, m);
            case CIFAR_RESNET:
                return preset(data, m);
            default:
                return standardize(data);
        }
    }

    private static ImageShape requireImages(Dataset data, Mode m) {
        return data.imageShape().orElseThrow(() -> new InvalidInputException("The feature scaling " + m.word()
            + " normalises image channels, but the data '" + data.name() + "' have no image shape.",
            "Set the image shape (C×H×W), or choose the scaling AUTO or STANDARDIZE."));
    }

    /** Per-channel mean and standard deviation over every pixel of the channel in every training image. */
    private static FeatureScaling channels(Dataset data, ImageShape shape) {
        int n = data.numExamples();
        int plane = shape.height() * shape.width();
        float[] x = data.rawFeatures();
        double[] means = new double[shape.channels()];
        double[] deviations = new double[shape.channels()];
        for (int c = 0; c < shape.channels(); c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int from = i * data.numFeatures() + c * plane;
                for (int k = 0; k < plane; k++) {
                    sum += x[from + k];
                }
            }
            double mean = sum / ((double) n * plane);
            double squares = 0;
            for (int i = 0; i < n; i++) {
                int from = i * data.numFeatures() + c * plane;
                for (int k = 0; k < plane; k++) {
                    double d = x[from + k] - mean;
                    squares += d * d;
                }
            }
            double sd = Math.sqrt(squares / Math.max(1, (double) n * plane - 1));
            means[c] = mean;
            // A constant channel carries no information; scaling it by 1/0 would only make NaN.
            deviations[c] = sd > 1e-12 ? sd : 1;
        }
        return perChannel("channels", shape, means, deviations);
    }

    /** x' = (x − mean[c]) / deviation[c] for every pixel of channel c; {@code kind} names it. */
    public static FeatureScaling perChannel(String kind, ImageShape shape, double[] means, double[] deviations) {
        int plane = shape.height() * shape.width();
        float[] shift = new float[shape.size()];
        float[] factor = new float[shape.size()];
        for (int c = 0; c < shape.channels(); c++) {
            Arrays.fill(shift, c * plane, (c + 1) * plane, (float) means[c]);
            Arrays.fill(factor, c * plane, (c + 1) * plane, (float) (1.0 / deviations[c]));
        }
        return new FeatureScaling(kind, shift, factor);
    }

    /** A preset's fixed means and deviations, given for images in [0, 1], applied to 0..255 pixels or [0, 1]. */
    private static FeatureScaling preset(Dataset data, Mode m) {
        ImageShape shape = requireImages(data, m);
        if (shape.channels() != 3) {
            throw new InvalidInputException("The feature scaling " + m.word() + " is made for 3-channel (RGB) images, "
                + "but the data '" + data.name() + "' have " + shape.channels() + " channel"
                + (shape.channels() == 1 ? "" : "s") + " (" + shape + ").",
                "Choose the scaling CHANNELS, which computes each channel's mean and deviation from the training "
                    + "data, or give RGB images.");
        }
        return preset(m, shape, data.isPixelData() ? 255f : 1f);
    }

    /**
     * What a black pixel (raw value 0) becomes in each channel of images of {@code shape}: the colour of an
     * augmentation's padding. Where the scaling differs across a channel's pixels, their mean.
     */
    public float[] blackPerChannel(ImageShape shape) {
        if (shape.size() != shift.length) {
            throw new IllegalArgumentException(shape + " images do not have " + shift.length + " features");
        }
        int plane = shape.height() * shape.width();
        float[] black = new float[shape.channels()];
        for (int c = 0; c < shape.channels(); c++) {
            double sum = 0;
            for (int k = c * plane; k < (c + 1) * plane; k++) {
                sum += -shift[k] * factor[k];
            }
            black[c] = (float) (sum / plane);
        }
        return black;
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

    /** "none", "pixels", "standardize", "channels", "cifar-vgg" or "cifar-resnet". */
    @JsonProperty("kind")
    public String kind() {
        return kind;
    }

    /** The value subtracted from each feature (a copy). */
    @JsonProperty("shift")
    public float[] shift() {
        return shift.clone();
    }

    /** The factor each shifted feature is multiplied by (a copy). */
    @JsonProperty("factor")
    public float[] factor() {
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
