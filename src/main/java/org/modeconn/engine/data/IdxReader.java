package org.modeconn.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.modeconn.engine.InvalidInputException;

/**
 * Reads image/label pairs in the IDX format of the MNIST files (big-endian header, magic 2051 for
 * unsigned-byte images, 2049 for labels), gzip-compressed or not. Sizes in headers are checked against
 * the bytes actually present before anything is trusted.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int GZIP_MAGIC = 0x1f8b;

    /** Which half of an IDX folder to read. */
    public enum Split {
        /** train-images / train-labels. */
        TRAIN("train"),
        /** test-images / test-labels (or MNIST's t10k-). */
        TEST("test", "t10k");

        private final String[] prefixes;

        Split(String... prefixes) {
            this.prefixes = prefixes;
        }
    }

    private IdxReader() {
    }

    /** Reads {@code split} from a folder holding {@code <split>-images-idx3-ubyte[.gz]} and the labels file. */
    public static Dataset readFolder(Path folder, Split split) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("'" + folder + "' is not a folder of IDX files.",
                "Give the folder that holds train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz.");
        }
        Path images = find(folder, split, "images-idx3-ubyte");
        Path labels = find(folder, split, "labels-idx1-ubyte");
        return read(images, labels, folder.getFileName() + "/" + split.name().toLowerCase());
    }

    private static Path find(Path folder, Split split, String stem) {
        List<String> tried = new ArrayList<>();
        for (String prefix : split.prefixes) {
            for (String suffix : new String[] {"", ".gz"}) {
                String name = prefix + "-" + stem + suffix;
                tried.add(name);
                Path p = folder.resolve(name);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new InvalidInputException("The folder '" + folder + "' has none of " + tried + ".",
            "Put the IDX files there under their MNIST names, or give a CSV file instead.");
    }

    /** Reads an images file and its labels file into a data set named {@code name}. */
    public static Dataset read(Path imagesFile, Path labelsFile, String name) {
        byte[] imageBytes = readAll(imagesFile);
        byte[] labelBytes = readAll(labelsFile);
        return decode(imageBytes, imagesFile.toString(), labelBytes, labelsFile.toString(), name);
    }

    /** Decodes already read (and, if they were gzip files, decompressed) IDX contents. */
    public static Dataset decode(byte[] imageBytes, String imagesName, byte[] labelBytes, String labelsName,
            String name) {
        ByteBuffer img = ByteBuffer.wrap(imageBytes);
        ByteBuffer lab = ByteBuffer.wrap(labelBytes);
        int[] imgDims = header(img, imagesName, IMAGES_MAGIC, 3, "images (magic 2051)");
        int[] labDims = header(lab, labelsName, LABELS_MAGIC, 1, "labels (magic 2049)");
        int n = imgDims[0];
        int h = imgDims[1];
        int w = imgDims[2];
        long pixels = (long) n * h * w;
        if (pixels > Integer.MAX_VALUE - 16L) {
            throw new InvalidInputException("The IDX file '" + imagesName + "' declares " + n + " images of " + h
                + "×" + w + ", more than one array can hold.", "Split the data into smaller files.");
        }
        checkLength(img, pixels, imagesName);
        checkLength(lab, labDims[0], labelsName);
        if (labDims[0] != n) {
            throw new InvalidInputException("The IDX images file '" + imagesName + "' has " + n
                + " images but the labels file '" + labelsName + "' has " + labDims[0] + " labels.",
                "Give the labels file that belongs to these images.");
        }
        float[] features = new float[(int) pixels];
        for (int i = 0; i < features.length; i++) {
            features[i] = img.get() & 0xff;
        }
        int[] rawLabels = new int[n];
        int maxLabel = 0;
        for (int i = 0; i < n; i++) {
            rawLabels[i] = lab.get() & 0xff;
            maxLabel = Math.max(maxLabel, rawLabels[i]);
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c <= maxLabel; c++) {
            classes.add(Integer.toString(c));
        }
        List<String> featureNames = new ArrayList<>(h * w);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                featureNames.add("pixel_" + r + "_" + c);
            }
        }
        return new Dataset(name, features, h * w, rawLabels, featureNames, classes, new ImageShape(1, h, w), true);
    }

    private static int[] header(ByteBuffer b, String file, int magic, int dims, String what) {
        if (b.remaining() < 4 + 4 * dims) {
            throw new InvalidInputException("The file '" + file + "' is too short (" + b.remaining()
                + " bytes) to be an IDX file of " + what + ".", "Give an IDX file; the MNIST files are such files.");
        }
        int m = b.getInt();
        if (m != magic) {
            throw new InvalidInputException("The file '" + file + "' starts with magic number " + m
                + ", not that of IDX " + what + ".",
                "Check that the images and labels files are not swapped and that the file is not damaged.");
        }
        int[] d = new int[dims];
        for (int i = 0; i < dims; i++) {
            d[i] = b.getInt();
            if (d[i] <= 0) {
                throw new InvalidInputException("The IDX file '" + file + "' declares a dimension of size " + d[i]
                    + ".", "The file is damaged or empty: give a complete IDX file.");
            }
        }
        return d;
    }

    private static void checkLength(ByteBuffer b, long expected, String file) {
        if (b.remaining() != expected) {
            throw new InvalidInputException("The IDX file '" + file + "' declares " + expected
                + " data bytes but holds " + b.remaining() + ".",
                "The file is truncated or damaged: download or copy it again.");
        }
    }

    /** The whole content of {@code file}, decompressed if it is gzip. */
    static byte[] readAll(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gzip = b0 >= 0 && b1 >= 0 && ((b0 << 8) | b1) == GZIP_MAGIC;
            if (gzip) {
                try (InputStream in = new GZIPInputStream(raw)) {
                    return in.readAllBytes();
                }
            }
            return raw.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The file '" + file + "' does not exist.", e, "Check the path.");
        } catch (IOException e) {
            throw new InvalidInputException("The file '" + file + "' could not be read: " + e.getMessage() + ".", e,
                "Check that it is a complete, readable IDX file (gzip or not).");
        }
    }

    /** Reads an IDX pair from a class-path resource folder (the embedded data). */
    static Dataset readResources(String folder, Split split, String name) {
        String prefix = split == Split.TRAIN ? "train" : "test";
        byte[] images = resource(folder + "/" + prefix + "-images-idx3-ubyte.gz");
        byte[] labels = resource(folder + "/" + prefix + "-labels-idx1-ubyte.gz");
        return decode(images, prefix + "-images", labels, prefix + "-labels", name);
    }

    private static byte[] resource(String path) {
        try (InputStream in = IdxReader.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The embedded data file " + path + " is missing from the build.");
            }
            try (InputStream gz = new GZIPInputStream(in)) {
                return gz.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalStateException("The embedded data file " + path + " could not be read.", e);
        }
    }
}
