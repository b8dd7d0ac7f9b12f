package org.modeconn.engine.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.modeconn.engine.InvalidInputException;

/**
 * A labelled classification data set held in memory: raw (unscaled) features as a row-major [N, d]
 * array, an optional C×H×W image shape for the rows, integer labels and the names of the classes.
 * Instances are immutable; subsets and relabelled copies are new instances.
 */
public final class Dataset {

    private final String name;
    private final float[] features;
    private final int[] labels;
    private final int numFeatures;
    private final List<String> featureNames;
    private final List<String> classNames;
    private final ImageShape imageShape;
    private final boolean pixelData;

    /**
     * @param name where the data came from, for messages and provenance
     * @param features raw features, row-major [labels.length, numFeatures]; not copied, must not be changed
     * @param numFeatures d
     * @param labels class index of each row, in [0, classNames.size())
     * @param featureNames one name per feature
     * @param classNames the class names, index = label
     * @param imageShape the C×H×W shape of a row, or null for plain feature vectors
     * @param pixelData whether the features are 0..255 pixel intensities
     */
    public Dataset(String name, float[] features, int numFeatures, int[] labels, List<String> featureNames,
            List<String> classNames, ImageShape imageShape, boolean pixelData) {
        this.name = Objects.requireNonNull(name);
        this.features = Objects.requireNonNull(features);
        this.labels = Objects.requireNonNull(labels);
        this.numFeatures = numFeatures;
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
        this.imageShape = imageShape;
        this.pixelData = pixelData;
        validate();
    }

    /**
     * The distinct labels in a stable, natural order: integer labels numerically (2 before 10), others as
     * text. Every reader uses it, so that a class keeps its output index whatever the file or table.
     */
    public static List<String> naturalClassOrder(Collection<String> labels) {
        List<String> classes = new ArrayList<>(new LinkedHashSet<>(labels));
        boolean allIntegers = classes.stream().allMatch(Dataset::isInteger);
        if (allIntegers) {
            classes.sort(Comparator.comparingLong(Long::parseLong));
        } else {
            classes.sort(Comparator.naturalOrder());
        }
        return classes;
    }

    private static boolean isInteger(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void validate() {
        if (labels.length == 0) {
            throw new InvalidInputException("The data '" + name + "' has no rows.",
                "Give a table or file with at least one labelled example.");
        }
        if (numFeatures <= 0) {
            throw new InvalidInputException("The data '" + name + "' has no feature columns.",
                "Give at least one numeric feature column besides the label.");
        }
        if ((long) labels.length * numFeatures != features.length) {
            throw new IllegalArgumentException("features has " + features.length + " values, expected "
                + labels.length + " × " + numFeatures);
        }
        if (featureNames.size() != numFeatures) {
            throw new IllegalArgumentException("featureNames has " + featureNames.size() + " names for "
                + numFeatures + " features");
        }
        if (imageShape != null && imageShape.size() != numFeatures) {
            throw new InvalidInputException("The image shape " + imageShape + " has " + imageShape.size()
                + " values per image but the data '" + name + "' has " + numFeatures + " features per row.",
                "Give an image shape whose C·H·W equals the number of feature columns.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " outside the "
                    + classNames.size() + " classes");
            }
        }
        for (int k = 0; k < features.length; k++) {
            if (!Float.isFinite(features[k])) {
                int row = k / numFeatures;
                int col = k % numFeatures;
                throw new InvalidInputException("The data '" + name + "' has a missing, NaN or infinite value in row "
                    + (row + 1) + ", feature '" + featureNames.get(col) + "'.",
                    "Remove or fill in missing values (KNIME: Missing Value node) before training.");
            }
        }
    }

    /** Where the data came from. */
    public String name() {
        return name;
    }

    /** N. */
    public int numExamples() {
        return labels.length;
    }

    /** d, the length of one feature row. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /** The raw features, row-major [N, d]. The array is shared: callers must not change it. */
    public float[] rawFeatures() {
        return features;
    }

    /** A copy of the raw features scaled by {@code scaling}. */
    public float[] scaledFeatures(FeatureScaling scaling) {
        if (scaling.numFeatures() != numFeatures) {
            throw new InvalidInputException("The data '" + name + "' has " + numFeatures
                + " features, but the network was trained on " + scaling.numFeatures() + ".",
                "Use data with the same feature columns as the training data.");
        }
        float[] copy = features.clone();
        scaling.applyInPlace(copy);
        return copy;
    }

    /** The label of every row. The array is shared: callers must not change it. */
    public int[] labels() {
        return labels;
    }

    /** The feature names, one per column. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The class names; a label is an index into this list. */
    public List<String> classNames() {
        return classNames;
    }

    /** The image shape of a row, if the rows are images. */
    public Optional<ImageShape> imageShape() {
        return Optional.ofNullable(imageShape);
    }

    /** Whether the features are 0..255 pixel intensities (scaled to [0, 1] by default). */
    public boolean isPixelData() {
        return pixelData;
    }

    /**
     * A SHA-256 of the rows as the network sees them before scaling: their count and width, every raw feature
     * value, and every row's class name (not its index, which depends on the class order). Stored in the
     * provenance, so that "same seed, same data" can be checked from the files alone.
     */
    public String fingerprint() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("modeconn-data-1".getBytes(StandardCharsets.UTF_8)).putInt(labels.length).putInt(numFeatures);
        for (float v : features) {
            if (buf.remaining() < Float.BYTES) {
                sha.update(buf.flip());
                buf.clear();
            }
            buf.putFloat(v);
        }
        sha.update(buf.flip());
        byte[][] names = classNames.stream().map(n -> (n + "\0").getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new);
        for (int label : labels) {
            sha.update(names[label]);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The same rows with the feature columns named {@code names}, in that order.
     *
     * @throws InvalidInputException naming the columns this data lacks
     */
    public Dataset selectFeatures(List<String> names, String role) {
        Map<String, Integer> index = new HashMap<>();
        for (int j = 0; j < numFeatures; j++) {
            index.putIfAbsent(featureNames.get(j), j);
        }
        List<String> missing = names.stream().filter(n -> !index.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("The " + role + " '" + name + "' lacks " + missing.size() + " of the "
                + names.size() + " feature columns the network was trained on: "
                + String.join(", ", missing.subList(0, Math.min(8, missing.size())))
                + (missing.size() > 8 ? " and " + (missing.size() - 8) + " more" : "") + ".",
                "Give data with these columns (matched by name), or rename its columns to the training data's.");
        }
        int[] from = names.stream().mapToInt(index::get).toArray();
        int n = labels.length;
        float[] f = new float[n * from.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < from.length; j++) {
                f[i * from.length + j] = features[i * numFeatures + from[j]];
            }
        }
        return new Dataset(this.name, f, from.length, labels, names, classNames, imageShape, pixelData);
    }

    /** The same rows with the given image shape. */
    public Dataset withImageShape(ImageShape shape) {
        return new Dataset(name, features, numFeatures, labels, featureNames, classNames, shape, pixelData);
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        float[] f = new float[indices.length * numFeatures];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * numFeatures, f, i * numFeatures, numFeatures);
            l[i] = labels[indices[i]];
        }
        return new Dataset(name, f, numFeatures, l, featureNames, classNames, imageShape, pixelData);
    }

    /** The first {@code n} rows (all of them if there are fewer). */
    public Dataset head(int n) {
        int k = Math.min(n, numExamples());
        int[] idx = new int[k];
        Arrays.setAll(idx, i -> i);
        return subset(idx);
    }

    /** A random subset of {@code n} rows drawn without replacement, the same for the same seed. */
    public Dataset sample(int n, long seed) {
        int[] perm = Shuffle.permutation(numExamples(), seed);
        return subset(Arrays.copyOf(perm, Math.min(n, perm.length)));
    }

    /**
     * The same rows with labels re-indexed into {@code targetClasses} (for example a network's classes),
     * so that class "7" means the same output wherever the data came from.
     *
     * @throws InvalidInputException if a class of this data is not among the target classes
     */
    public Dataset alignClasses(List<String> targetClasses) {
        if (targetClasses.equals(classNames)) {
            return this;
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < targetClasses.size(); i++) {
            index.put(targetClasses.get(i), i);
        }
        int[] map = new int[classNames.size()];
        List<String> unseen = new ArrayList<>();
        for (int i = 0; i < classNames.size(); i++) {
            Integer t = index.get(classNames.get(i));
            map[i] = t == null ? -1 : t;
            if (t == null) {
                unseen.add(classNames.get(i));
            }
        }
        if (!unseen.isEmpty()) {
            throw new InvalidInputException("The data '" + name + "' has labels the network never saw in training: "
                + unseen + " (the network knows " + targetClasses + ").",
                "Remove those rows, or train the network on data that contains these classes.");
        }
        int[] l = new int[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = map[labels[i]];
        }
        return new Dataset(name, features, numFeatures, l, featureNames, targetClasses, imageShape, pixelData);
    }

    /** The number of rows of each class. */
    public int[] classCounts() {
        int[] c = new int[numClasses()];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    @Override
    public String toString() {
        return name + " (" + numExamples() + " rows, " + numFeatures + " features, " + numClasses() + " classes"
            + (imageShape != null ? ", images " + imageShape : "") + ")";
    }
}
