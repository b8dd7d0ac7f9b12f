package org.modeconn.knime.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.knime.ports.InputColumns;

/**
 * Reads KNIME tables into the engine's {@link Dataset}: the chosen numeric feature columns, in order, or the
 * pixels of a column of PNG images, and a class column (string or integer). Checks the table spec at configure time with messages that name the
 * column and the fix, and refuses missing or non-finite values at execute time naming the row.
 */
public final class TableDatasets {

    private static final List<String> DEFAULT_TARGET_NAMES = List.of("label", "class", "target", "y");

    private TableDatasets() {
    }

    /**
     * The columns a training node reads.
     *
     * @param spec the training table's spec
     * @param selectedFeatures the feature columns chosen in the dialog, the target left out if chosen; none
     *        means every numeric column but the target
     * @param target the target column, or blank for the first of label/class/target/y, else the last
     *        string or integer column
     * @param imageColumn a column of PNG images whose pixels are the features, or blank for numeric columns
     */
    public static InputColumns trainingColumns(final DataTableSpec spec, final String[] selectedFeatures,
        final String target, final String imageColumn) {
        String t = target == null || target.isBlank() ? defaultTarget(spec) : target;
        DataColumnSpec targetSpec = spec.getColumnSpec(t);
        if (targetSpec == null) {
            throw new InvalidInputException("The target column '" + t + "' is not in the training table (its columns: "
                + abbreviate(List.of(spec.getColumnNames())) + ").",
                "Choose the class column in the node's dialog, or connect a table that has it.");
        }
        if (!isTargetType(targetSpec)) {
            throw new InvalidInputException("The target column '" + t + "' is of type " + targetSpec.getType()
                + "; a class column must hold strings or integers.",
                "Choose a string or integer column as target, or convert it (for example with Number to String).");
        }
        if (imageColumn != null && !imageColumn.isBlank()) {
            ImageColumnFeatures.requireImageColumn(spec, imageColumn, "training table");
            return InputColumns.images(imageColumn, t);
        }
        List<String> features = new ArrayList<>();
        if (selectedFeatures.length == 0) {
            for (DataColumnSpec c : spec) {
                if (!c.getName().equals(t) && c.getType().isCompatible(DoubleValue.class)) {
                    features.add(c.getName());
                }
            }
        } else {
            for (String f : selectedFeatures) {
                // "Select all" includes an integer class column; the target is never a feature.
                if (!f.equals(t)) {
                    features.add(f);
                }
            }
        }
        if (features.isEmpty()) {
            throw new InvalidInputException("The training table has no numeric feature columns besides the target '"
                + t + "'.", "Connect a table with numeric feature columns, or convert them to numbers.");
        }
        requireNumeric(spec, features, "training table");
        return new InputColumns(features, t);
    }

    /**
     * The columns of {@code spec} that a model with {@code columns} cannot read as features, in table order:
     * neither numeric nor the target nor the image column.
     */
    public static List<String> notUsable(final DataTableSpec spec, final InputColumns columns) {
        List<String> out = new ArrayList<>();
        for (DataColumnSpec c : spec) {
            String n = c.getName();
            if (!n.equals(columns.target()) && !n.equals(columns.imageColumn())
                && !c.getType().isCompatible(DoubleValue.class)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Checks at configure time that a table has a model's columns.
     *
     * @param needTarget whether the target column must be present (training and evaluation) or not
     *        (prediction)
     * @param role the table's role, in messages ("test table")
     */
    public static void checkColumns(final DataTableSpec spec, final InputColumns columns, final boolean needTarget,
        final String role) {
        List<String> missing = columns.features().stream().filter(c -> !spec.containsName(c)).toList();
        if (columns.readsImages()) {
            ImageColumnFeatures.requireImageColumn(spec, columns.imageColumn(), role);
        } else if (!missing.isEmpty()) {
            throw new InvalidInputException("The " + role + " lacks " + missing.size() + " of the model's "
                + columns.features().size() + " feature columns: " + abbreviate(missing) + ".",
                "Connect a table with the same feature columns the network was trained on.");
        }
        requireNumeric(spec, columns.features(), role);
        if (needTarget) {
            DataColumnSpec target = spec.getColumnSpec(columns.target());
            if (target == null) {
                throw new InvalidInputException("The " + role + " has no target column '" + columns.target()
                    + "', which the model was trained on.",
                    "Connect a table with the class column '" + columns.target() + "', or rename its class column.");
            }
            if (!isTargetType(target)) {
                throw new InvalidInputException("The target column '" + columns.target() + "' of the " + role
                    + " is of type " + target.getType() + "; it must hold strings or integers.",
                    "Convert it to strings or integers.");
            }
        }
    }

    /**
     * Reads a table.
     *
     * @param columns which columns are features and which is the target
     * @param withLabels whether to read the target (else every row gets class 0 of {@code classNames})
     * @param classNames the classes when {@code withLabels} is false (a model's), else ignored
     * @param shape the C×H×W shape of a row, or null (for an image column: the first image's)
     * @param name the table's role, for messages and provenance
     */
    public static Dataset read(final BufferedDataTable table, final InputColumns columns, final boolean withLabels,
        final List<String> classNames, final ImageShape shape, final String name, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        DataTableSpec spec = table.getDataTableSpec();
        checkColumns(spec, columns, withLabels, name);
        long size = table.size();
        int d = columns.readsImages() ? 1 : columns.features().size();
        if (size == 0) {
            throw new InvalidInputException("The " + name + " is empty.", "Connect a table with at least one row.");
        }
        if (size * d > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("The " + name + " has " + size + " rows × " + d + " features, more than "
                + "one array of the engine holds (2³¹ values).", "Sample the table down (for example with Row Sampling).");
        }
        int[] featureIndex = columns.features().stream().mapToInt(spec::findColumnIndex).toArray();
        int targetIndex = withLabels ? spec.findColumnIndex(columns.target()) : -1;
        int n = (int)size;
        ImageColumnFeatures images = columns.readsImages()
            ? new ImageColumnFeatures(columns.imageColumn(), shape, n, name) : null;
        int imageIndex = images == null ? -1 : spec.findColumnIndex(columns.imageColumn());
        float[] x = images == null ? new float[n * d] : null;
        String[] labelTexts = new String[n];
        boolean pixels = true;
        CloseableRowIterator it = table.iterator();
        try {
            for (int r = 0; r < n && it.hasNext(); r++) {
                if (r % 1024 == 0) {
                    exec.checkCanceled();
                    exec.setProgress(r / (double)n, "Reading the " + name + ": row " + r + " of " + n);
                }
                DataRow row = it.next();
                if (images != null) {
                    images.add(row.getCell(imageIndex), row.getKey(), r);
                }
                for (int j = 0; j < featureIndex.length; j++) {
                    DataCell cell = row.getCell(featureIndex[j]);
                    if (cell.isMissing()) {
                        throw new InvalidInputException("Row '" + row.getKey() + "' of the " + name + " has a missing "
                            + "value in column '" + columns.features().get(j) + "'.",
                            "Remove or fill in missing values first (for example with the Missing Value node).");
                    }
                    double v = ((DoubleValue)cell).getDoubleValue();
                    float f = (float)v;
                    if (!Float.isFinite(f)) {
                        throw new InvalidInputException("Row '" + row.getKey() + "' of the " + name + " has the value "
                            + v + " in column '" + columns.features().get(j) + "', which is not a finite 32-bit number.",
                            "Remove or clip such values first.");
                    }
                    pixels &= f >= 0 && f <= 255 && f == Math.rint(f);
                    x[r * d + j] = f;
                }
                if (withLabels) {
                    DataCell label = row.getCell(targetIndex);
                    if (label.isMissing()) {
                        throw new InvalidInputException("Row '" + row.getKey() + "' of the " + name + " has no class in "
                            + "column '" + columns.target() + "'.", "Remove rows without a class first.");
                    }
                    labelTexts[r] = label instanceof StringValue s ? s.getStringValue() : label.toString();
                }
            }
        } finally {
            it.close();
        }
        List<String> classes;
        int[] labels = new int[n];
        if (withLabels) {
            // The column's domain, where it lists the classes, adds those absent from these rows: the network then
            // has the classes its spec promised at configure time.
            List<String> known = new ArrayList<>(Arrays.asList(labelTexts));
            known.addAll(domainClasses(spec, columns.target()).orElse(List.of()));
            classes = Dataset.naturalClassOrder(known);
            for (int r = 0; r < n; r++) {
                labels[r] = classes.indexOf(labelTexts[r]);
            }
        } else {
            classes = classNames;
        }
        if (images != null) {
            return new Dataset(name, images.values(), images.shape().size(), labels, images.featureNames(), classes,
                images.shape(), true);
        }
        // Integer intensities 0..255 with an image shape (or many columns) are pixels: AUTO scaling divides them by 255.
        boolean pixelData = pixels && (shape != null || d >= 64);
        return new Dataset(name, x, d, labels, columns.features(), classes, shape, pixelData);
    }

    /**
     * The classes that the target column's domain lists (as the labels read from its cells), or empty when the
     * domain has no list of values (KNIME lists them for string columns, not for integer ones).
     */
    public static Optional<List<String>> domainClasses(final DataTableSpec spec, final String target) {
        DataColumnSpec column = spec.getColumnSpec(target);
        if (column == null || column.getDomain() == null || !column.getDomain().hasValues()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (DataCell c : column.getDomain().getValues()) {
            if (!c.isMissing()) {
                values.add(c instanceof StringValue v ? v.getStringValue() : c.toString());
            }
        }
        return Optional.of(Dataset.naturalClassOrder(values));
    }

    private static String defaultTarget(final DataTableSpec spec) {
        for (DataColumnSpec c : spec) {
            if (DEFAULT_TARGET_NAMES.contains(c.getName().trim().toLowerCase(Locale.ROOT)) && isTargetType(c)) {
                return c.getName();
            }
        }
        for (int i = spec.getNumColumns() - 1; i >= 0; i--) {
            if (isTargetType(spec.getColumnSpec(i))) {
                return spec.getColumnSpec(i).getName();
            }
        }
        throw new InvalidInputException("The training table has no string or integer column to use as the class.",
            "Add a class column (strings or integers) and choose it as target in the node's dialog.");
    }

    private static boolean isTargetType(final DataColumnSpec c) {
        return c.getType().isCompatible(StringValue.class) || c.getType().isCompatible(IntValue.class);
    }

    private static void requireNumeric(final DataTableSpec spec, final List<String> features, final String role) {
        for (String f : features) {
            DataColumnSpec c = spec.getColumnSpec(f);
            if (c == null) {
                throw new InvalidInputException("The feature column '" + f + "' is not in the " + role + ".",
                    "Choose existing columns in the node's dialog.");
            }
            if (!c.getType().isCompatible(DoubleValue.class)) {
                throw new InvalidInputException("The feature column '" + f + "' of the " + role + " is of type "
                    + c.getType() + ", not numeric.",
                    "Remove it from the feature columns, or convert it to numbers (for example with String to Number).");
            }
        }
    }

    private static String abbreviate(final List<String> names) {
        return names.size() <= 8 ? String.join(", ", names)
            : String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more";
    }
}
