package org.modeconn.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.modeconn.engine.InvalidInputException;

/**
 * Reads a classification table from CSV: a header row, numeric feature columns and one label column
 * (string or integer labels). Quoted fields are understood; the delimiter is detected from the header
 * (comma, semicolon or tab) unless given.
 */
public final class CsvReader {

    private static final List<String> DEFAULT_LABEL_NAMES = List.of("label", "class", "target", "y");

    private final String labelColumn;
    private final Character delimiter;
    private final ImageShape imageShape;
    private final List<String> unlabelledClasses;

    /**
     * @param labelColumn the label column's name, or null for the first column named label, class, target
     *        or y (any case), else the last column
     * @param delimiter the field delimiter, or null to detect it
     * @param imageShape the C×H×W shape of a row for CNNs, or null
     */
    public CsvReader(String labelColumn, Character delimiter, ImageShape imageShape) {
        this(labelColumn, delimiter, imageShape, null);
    }

    private CsvReader(String labelColumn, Character delimiter, ImageShape imageShape, List<String> unlabelledClasses) {
        this.labelColumn = labelColumn;
        this.delimiter = delimiter;
        this.imageShape = imageShape;
        this.unlabelledClasses = unlabelledClasses;
    }

    /**
     * A reader for tables without a label column (data to predict): every column is a feature and every
     * row gets the placeholder label 0 of {@code classNames}, which callers must not read as a label.
     */
    public static CsvReader unlabelled(Character delimiter, ImageShape imageShape, List<String> classNames) {
        return new CsvReader(null, delimiter, imageShape, List.copyOf(classNames));
    }

    /** A reader with every option at its default. */
    public static CsvReader defaults() {
        return new CsvReader(null, null, null);
    }

    /** Reads {@code file}. */
    public Dataset read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The file '" + file + "' does not exist.", e, "Check the path.");
        } catch (IOException e) {
            throw new InvalidInputException("The file '" + file + "' could not be read as UTF-8 text: " + e.getMessage()
                + ".", e, "Save it as a UTF-8 CSV file with a header row.");
        }
    }

    /** Reads CSV text from {@code reader}; {@code name} names it in messages. */
    public Dataset read(Reader reader, String name) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String headerLine = in.readLine();
        while (headerLine != null && headerLine.isBlank()) {
            headerLine = in.readLine();
        }
        if (headerLine == null) {
            throw new InvalidInputException("The CSV file '" + name + "' is empty.",
                "Give a CSV file with a header row and at least one data row.");
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        char delim = delimiter != null ? delimiter : detectDelimiter(headerLine);
        List<String> header = split(headerLine, delim, name, 1);
        int labelIndex = unlabelledClasses != null ? -1 : labelIndex(header, name);
        int d = unlabelledClasses != null ? header.size() : header.size() - 1;
        if (d == 0) {
            throw new InvalidInputException("The CSV file '" + name + "' has only the label column '"
                + header.get(labelIndex) + "'.", "Add numeric feature columns.");
        }
        List<String> featureNames = new ArrayList<>(header);
        if (labelIndex >= 0) {
            featureNames.remove(labelIndex);
        }

        float[] values = new float[Math.max(1024, d * 256)];
        List<String> labelTexts = new ArrayList<>();
        int rows = 0;
        int lineNo = 1;
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(line, delim, name, lineNo);
            if (fields.size() != header.size()) {
                throw new InvalidInputException("Line " + lineNo + " of '" + name + "' has " + fields.size()
                    + " fields, but the header has " + header.size() + ".",
                    "Make every row have one value per header column (quote fields that contain '" + delim + "').");
            }
            if ((long) (rows + 1) * d > values.length) {
                long grown = Math.min(Integer.MAX_VALUE - 16L, (long) values.length * 2 + d);
                if (grown < (long) (rows + 1) * d) {
                    throw new InvalidInputException("The CSV file '" + name + "' has more values than one array can hold.",
                        "Split the data or use fewer feature columns.");
                }
                values = Arrays.copyOf(values, (int) grown);
            }
            int k = rows * d;
            for (int c = 0; c < fields.size(); c++) {
                if (c == labelIndex) {
                    continue;
                }
                values[k++] = parseFeature(fields.get(c), name, lineNo, header.get(c));
            }
            String label = labelIndex < 0 ? unlabelledClasses.get(0) : fields.get(labelIndex).trim();
            if (label.isEmpty()) {
                throw new InvalidInputException("Line " + lineNo + " of '" + name + "' has no value in the label column '"
                    + header.get(labelIndex) + "'.", "Remove rows without a label or fill them in.");
            }
            labelTexts.add(label);
            rows++;
        }
        if (rows == 0) {
            throw new InvalidInputException("The CSV file '" + name + "' has a header but no data rows.",
                "Give at least one data row.");
        }
        List<String> classes = unlabelledClasses != null ? unlabelledClasses : classNames(labelTexts);
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = classIndex.get(labelTexts.get(i));
        }
        return new Dataset(name, Arrays.copyOf(values, rows * d), d, labels, featureNames, classes, imageShape, false);
    }

    private int labelIndex(List<String> header, String name) {
        if (labelColumn != null) {
            int i = header.indexOf(labelColumn);
            if (i < 0) {
                throw new InvalidInputException("The CSV file '" + name + "' has no column '" + labelColumn
                    + "'; its columns are " + abbreviate(header) + ".",
                    "Give the name of the label column exactly as in the header row.");
            }
            return i;
        }
        for (int i = 0; i < header.size(); i++) {
            if (DEFAULT_LABEL_NAMES.contains(header.get(i).trim().toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return header.size() - 1;
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 12) {
            return names.toString();
        }
        return names.subList(0, 10) + " and " + (names.size() - 10) + " more";
    }

    private static float parseFeature(String text, String name, int lineNo, String column) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("?") || t.equalsIgnoreCase("NA") || t.equalsIgnoreCase("NaN")) {
            throw new InvalidInputException("Line " + lineNo + " of '" + name + "' has a missing value in column '"
                + column + "'.", "Remove or fill in missing values before training.");
        }
        float v;
        try {
            v = Float.parseFloat(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Column '" + column + "' of '" + name + "' is not numeric: line " + lineNo
                + " has '" + abbreviate(t) + "'.",
                "Remove the column, encode it as numbers, or choose it as the label column.");
        }
        if (!Float.isFinite(v)) {
            throw new InvalidInputException("Line " + lineNo + " of '" + name + "' has the value '" + t + "' in column '"
                + column + "', which is infinite in 32-bit floating point.",
                "Remove or clip extreme values before training.");
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** The classes of the labels in their natural order (see {@link Dataset#naturalClassOrder}). */
    static List<String> classNames(List<String> labels) {
        return Dataset.naturalClassOrder(labels);
    }

    private static char detectDelimiter(String header) {
        char best = ',';
        int bestCount = count(header, ',');
        for (char c : new char[] {';', '\t'}) {
            int n = count(header, c);
            if (n > bestCount) {
                best = c;
                bestCount = n;
            }
        }
        return best;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** Splits one CSV line; double quotes enclose fields and "" is a literal quote. */
    static List<String> split(String line, char delim, String name, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delim) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new InvalidInputException("Line " + lineNo + " of '" + name + "' has an unclosed quote.",
                "Close every quoted field on the same line.");
        }
        out.add(field.toString());
        return out;
    }
}
