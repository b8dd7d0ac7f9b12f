package org.modeconn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.CifarReader;
import org.modeconn.engine.data.CsvReader;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.IdxReader;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.data.TintedDigits;
import picocli.CommandLine.Option;

/** The data options every command shares: where the training and test data are and how to read them. */
public final class DataOptions {

    /** The word that selects the embedded MNIST-10k data. */
    public static final String EMBEDDED = "embedded";

    /** The word that selects the embedded MNIST-10k digits as 3×32×32 tinted colour images. */
    public static final String EMBEDDED_RGB = "embedded-rgb";

    @Option(names = "--data", defaultValue = EMBEDDED, paramLabel = "SOURCE",
        description = "Training data: 'embedded' (MNIST-10k shipped inside), 'embedded-rgb' (the same digits as "
            + "3x32x32 colour images, shifted and tinted at random), a CSV file (header row, numeric "
            + "features, a label column), a folder of IDX files (train-images-idx3-ubyte[.gz], ...) or a folder "
            + "of CIFAR-10 or CIFAR-100 binary files (data_batch_1.bin ... / train.bin). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--test", paramLabel = "SOURCE",
        description = "Test data, in the same forms. Default: the embedded test split with --data embedded, the "
            + "test files of an IDX or CIFAR folder, none for CSV.")
    String test;

    @Option(names = "--label", paramLabel = "COLUMN",
        description = "The label column of CSV data (default: a column named label, class, target or y, else the "
            + "last column).")
    String label;

    @Option(names = "--image-shape", paramLabel = "CxHxW",
        description = "The image shape of a CSV row, for convolutional networks (for example 1x28x28).")
    String imageShape;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "The CSV delimiter (default: detected).")
    Character delimiter;

    /** Loads the training data. */
    public Dataset loadTrain() {
        return load(data, IdxReader.Split.TRAIN);
    }

    /** Loads the test data, or returns null when there is none. */
    public Dataset loadTest() {
        if (test != null) {
            return load(test, IdxReader.Split.TEST);
        }
        if (EMBEDDED.equalsIgnoreCase(data) || EMBEDDED_RGB.equalsIgnoreCase(data)) {
            return load(data, IdxReader.Split.TEST);
        }
        Path p = Path.of(data);
        if (Files.isDirectory(p)) {
            try {
                return CifarReader.isCifarFolder(p) ? CifarReader.readFolder(p, IdxReader.Split.TEST)
                    : IdxReader.readFolder(p, IdxReader.Split.TEST);
            } catch (InvalidInputException e) {
                return null;
            }
        }
        return null;
    }

    private Dataset load(String source, IdxReader.Split split) {
        Dataset d;
        if (EMBEDDED.equalsIgnoreCase(source)) {
            d = split == IdxReader.Split.TRAIN ? EmbeddedMnist.train() : EmbeddedMnist.test();
        } else if (EMBEDDED_RGB.equalsIgnoreCase(source)) {
            d = split == IdxReader.Split.TRAIN ? TintedDigits.train() : TintedDigits.test();
        } else {
            Path p = Path.of(source);
            if (Files.isDirectory(p)) {
                d = CifarReader.isCifarFolder(p) ? CifarReader.readFolder(p, split) : IdxReader.readFolder(p, split);
            } else if (!Files.exists(p)) {
                throw new InvalidInputException("The data source '" + source + "' is neither 'embedded', "
                    + "'embedded-rgb' nor an existing file or folder.", "Give 'embedded', 'embedded-rgb', a CSV file, "
                    + "a folder of IDX files or a folder of CIFAR binary files.");
            } else {
                d = new CsvReader(label, delimiter, null).read(p);
            }
        }
        if (imageShape != null) {
            d = d.withImageShape(ImageShape.parse(imageShape));
        }
        return d;
    }
}
