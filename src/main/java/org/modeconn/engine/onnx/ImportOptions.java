package org.modeconn.engine.onnx;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;

/**
 * What the user states about an ONNX model that the file may not say: its class names and how raw features are
 * scaled before its first layer.
 *
 * @param classNames the classes in output order, or null to take them from the model's metadata (else 0, 1, …)
 * @param scaling {@value #SCALING_FORMS}
 */
public record ImportOptions(@JsonInclude(JsonInclude.Include.NON_NULL) List<String> classNames, String scaling) {

    /** The forms of the scaling. */
    public static final String SCALING_FORMS = "none (the model takes the raw values); pixels (divide by 255, for a "
        + "model that takes images in [0, 1]); cifar-vgg or cifar-resnet (the reference's channel means and deviations "
        + "of images in [0, 1], applied to pixels 0..255); or MEANS/DEVIATIONS in the data's own units, one value per "
        + "image channel or one for all, e.g. 127.5/63.75. A model that scales its input itself (Sub, Mul or Div "
        + "before its first layer) keeps that, after the scaling given here";

    /** The defaults: classes from the model, no scaling. */
    public static final ImportOptions DEFAULTS = new ImportOptions(null, "none");

    /** Validates the class names and the scaling's form. */
    @JsonCreator
    public ImportOptions(@JsonProperty("classNames") List<String> classNames,
            @JsonProperty("scaling") String scaling) {
        this.classNames = classNames == null || classNames.isEmpty() ? null : List.copyOf(classNames);
        this.scaling = scaling == null || scaling.isBlank() ? "none" : scaling.trim();
        if (this.classNames != null && this.classNames.stream().distinct().count() != this.classNames.size()) {
            throw new InvalidInputException("The class names " + this.classNames + " repeat a name.",
                "Give each class once, in the order of the model's outputs.");
        }
        // the form is checked now, the sizes when the model's input is known
        scalingFor(new ImageShape(3, 1, 1), 3, true);
    }

    /** Whether the user asked for a scaling. */
    boolean scales() {
        return !scaling.equalsIgnoreCase("none");
    }

    /** The stated scaling for an input of {@code features} features, images of {@code shape} (null: flat). */
    FeatureScaling scalingFor(ImageShape shape, int features) {
        return scalingFor(shape, features, false);
    }

    private FeatureScaling scalingFor(ImageShape shape, int features, boolean formOnly) {
        String s = scaling.toLowerCase(Locale.ROOT);
        switch (s) {
            case "none":
                return FeatureScaling.none(features);
            case "pixels":
                return FeatureScaling.pixels(features);
            case "cifar-vgg":
            case "cifar-resnet":
                if (formOnly) {
                    return null;
                }
                if (shape == null) {
                    throw new InvalidInputException("The scaling " + s + " is for images, but the model's input is a "
                        + "row of " + features + " features.", "Give none, pixels or MEANS/DEVIATIONS.");
                }
                // the presets' means and deviations are for [0, 1]; images here are pixels 0..255
                return FeatureScaling.preset(FeatureScaling.Mode.parse(s), shape, 255f);
            default:
                return meansAndDeviations(s, shape, features, formOnly);
        }
    }

    private FeatureScaling meansAndDeviations(String s, ImageShape shape, int features, boolean formOnly) {
        String[] parts = s.split("/");
        double[] means;
        double[] deviations;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            means = Arrays.stream(parts[0].split(",")).mapToDouble(Double::parseDouble).toArray();
            deviations = Arrays.stream(parts[1].split(",")).mapToDouble(Double::parseDouble).toArray();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("The scaling '" + scaling + "' is not one of the forms read.",
                "Give " + SCALING_FORMS + ".");
        }
        if (means.length != deviations.length || Arrays.stream(deviations).anyMatch(d -> !(d > 0))) {
            throw new InvalidInputException("The scaling '" + scaling + "' needs as many deviations as means, all "
                + "above 0.", "Give " + SCALING_FORMS + ".");
        }
        if (formOnly) {
            return null;
        }
        int channels = shape == null ? 1 : shape.channels();
        if (means.length != 1 && means.length != channels) {
            throw new InvalidInputException("The scaling '" + scaling + "' gives " + means.length + " means, but the "
                + "model's input has " + channels + " channel" + (channels == 1 ? "" : "s") + ".",
                "Give one mean and deviation per channel, or one for all.");
        }
        ImageShape planes = shape == null ? new ImageShape(1, 1, features) : shape;
        double[] m = new double[planes.channels()];
        double[] d = new double[planes.channels()];
        for (int c = 0; c < m.length; c++) {
            m[c] = means[means.length == 1 ? 0 : c];
            d[c] = deviations[deviations.length == 1 ? 0 : c];
        }
        return FeatureScaling.perChannel("stated", planes, m, d);
    }
}
