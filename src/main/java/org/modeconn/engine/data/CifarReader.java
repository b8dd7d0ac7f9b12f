package org.modeconn.engine.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.InvalidInputException;

/**
 * Reads the binary versions of CIFAR-10 ({@code data_batch_1.bin} … {@code data_batch_5.bin},
 * {@code test_batch.bin}: a label byte and 3,072 channel-major pixel bytes per record) and CIFAR-100
 * ({@code train.bin}, {@code test.bin}: a coarse and a fine label byte, then the pixels; the fine labels are
 * used), with class names from {@code batches.meta.txt} or {@code fine_label_names.txt} where present. Every
 * file's length and every label are checked before anything is trusted.
 */
public final class CifarReader {

    /** The image shape of every CIFAR record. */
    public static final ImageShape SHAPE = new ImageShape(3, 32, 32);

    /** The two layouts. */
    enum Variant {
        CIFAR10(1, 10, "batches.meta.txt"),
        CIFAR100(2, 100, "fine_label_names.txt");

        final int labelBytes;
        final int classes;
        final String namesFile;

        Variant(int labelBytes, int classes, String namesFile) {
            this.labelBytes = labelBytes;
            this.classes = classes;
            this.namesFile = namesFile;
        }

        int recordBytes() {
            return labelBytes + SHAPE.size();
        }
    }

    private CifarReader() {
    }

    /** Whether {@code folder} holds CIFAR-10 or CIFAR-100 binary files (by their names). */
    public static boolean isCifarFolder(Path folder) {
        return variant(folder) != null;
    }

    private static Variant variant(Path folder) {
        if (Files.isRegularFile(folder.resolve("test_batch.bin")) || Files.isRegularFile(folder.resolve("data_batch_1.bin"))) {
            return Variant.CIFAR10;
        }
        if (Files.isRegularFile(folder.resolve("train.bin")) || Files.isRegularFile(folder.resolve("test.bin"))) {
            return Variant.CIFAR100;
        }
        return null;
    }

    /**
     * Reads one split of a CIFAR folder.
     *
     * @throws InvalidInputException if a file is missing, truncated or holds a label out of range
     */
    public static Dataset readFolder(Path folder, IdxReader.Split split) {
        Variant v = variant(folder);
        if (v == null) {
            throw new InvalidInputException("'" + folder + "' holds no CIFAR binary files.",
                "Give the folder of the CIFAR-10 binary version (data_batch_1.bin … data_batch_5.bin, test_batch.bin) "
                    + "or of CIFAR-100's (train.bin, test.bin).");
        }
        List<String> files = new ArrayList<>();
        if (v == Variant.CIFAR10) {
            if (split == IdxReader.Split.TRAIN) {
                for (int i = 1; i <= 5; i++) {
                    files.add("data_batch_" + i + ".bin");
                }
            } else {
                files.add("test_batch.bin");
            }
        } else {
            files.add(split == IdxReader.Split.TRAIN ? "train.bin" : "test.bin");
        }
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (String f : files) {
            Path p = folder.resolve(f);
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException("The CIFAR folder '" + folder + "' has no " + f + ".",
                    "Give the complete folder of the binary version: " + String.join(", ", files) + ".");
            }
            byte[] bytes = IdxReader.readAll(p);
            check(bytes, f, v);
            contents.add(bytes);
            records += bytes.length / v.recordBytes();
        }
        if (records > Integer.MAX_VALUE / SHAPE.size()) {
            throw new InvalidInputException("The CIFAR folder '" + folder + "' holds " + records + " images, more than "
                + "one data set can hold.", "Split the data into smaller folders.");
        }
        return decode(contents, (int) records, v, classNames(folder, v),
            folder.getFileName() + "/" + split.name().toLowerCase());
    }

    private static void check(byte[] bytes, String file, Variant v) {
        int size = v.recordBytes();
        if (bytes.length == 0) {
            throw new InvalidInputException("The CIFAR file '" + file + "' is empty.",
                "Copy the file again from the CIFAR archive.");
        }
        if (bytes.length % size != 0) {
            long complete = bytes.length / size;
            throw new InvalidInputException("The CIFAR file '" + file + "' is truncated: record " + (complete + 1)
                + " has " + (bytes.length - complete * size) + " of its " + size + " bytes.",
                "Copy the file again from the CIFAR archive; a record is " + size + " bytes.");
        }
        for (int r = 0; r < bytes.length / size; r++) {
            int label = bytes[r * size + v.labelBytes - 1] & 0xff;
            if (label >= v.classes) {
                throw new InvalidInputException("The CIFAR file '" + file + "' has label " + label + " in record "
                    + (r + 1) + ", but " + (v == Variant.CIFAR10 ? "CIFAR-10" : "CIFAR-100") + " has " + v.classes
                    + " classes.", "The file is damaged or of the other CIFAR: give CIFAR-10's data_batch_*.bin or "
                    + "CIFAR-100's train.bin and test.bin, each in its own folder.");
            }
        }
    }

    private static Dataset decode(List<byte[]> contents, int records, Variant v, List<String> classes, String name) {
        int d = SHAPE.size();
        float[] features = new float[records * d];
        int[] labels = new int[records];
        int row = 0;
        for (byte[] bytes : contents) {
            int size = v.recordBytes();
            for (int r = 0; r < bytes.length / size; r++, row++) {
                int at = r * size;
                labels[row] = bytes[at + v.labelBytes - 1] & 0xff;
                for (int k = 0; k < d; k++) {
                    features[row * d + k] = bytes[at + v.labelBytes + k] & 0xff;
                }
            }
        }
        List<String> featureNames = new ArrayList<>(d);
        String[] channels = {"red", "green", "blue"};
        for (String c : channels) {
            for (int y = 0; y < SHAPE.height(); y++) {
                for (int x = 0; x < SHAPE.width(); x++) {
                    featureNames.add(c + "_" + y + "_" + x);
                }
            }
        }
        return new Dataset(name, features, d, labels, featureNames, classes, SHAPE, true);
    }

    /** The names in the folder's names file where it lists one per class, else the class numbers. */
    private static List<String> classNames(Path folder, Variant v) {
        Path p = folder.resolve(v.namesFile);
        if (Files.isRegularFile(p)) {
            try {
                List<String> names = Files.readAllLines(p, StandardCharsets.UTF_8).stream().map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
                if (names.size() == v.classes && names.stream().distinct().count() == v.classes) {
                    return names;
                }
            } catch (IOException e) {
                // the numbers serve as well: a names file is optional
            }
        }
        List<String> numbers = new ArrayList<>();
        for (int c = 0; c < v.classes; c++) {
            numbers.add(Integer.toString(c));
        }
        return numbers;
    }
}
