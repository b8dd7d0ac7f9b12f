package org.modeconn.knime.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.align.LayerMatch;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.PathPoint;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.curve.QuantityStatistics;
import org.modeconn.engine.ensemble.SnapshotRecord;
import org.modeconn.engine.merge.MergeResult;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.report.AlignmentReport;
import org.modeconn.engine.report.ConnectivityReport;
import org.modeconn.engine.sharpness.Sharpness;

/**
 * The result tables of the nodes, with specs known at configure time. Figures without test data are
 * missing cells, not zeros, so that charts and filters downstream do not mistake them for results.
 */
public final class OutputTables {

    /** Per epoch of training or curve fitting. */
    public static final DataTableSpec HISTORY = spec(new String[] {"epoch", "learning_rate", "train_loss",
        "train_error", "test_loss", "test_error", "seconds"}, IntCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
        DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** Loss and error (%) at each t, along the curve and along the straight line. */
    public static final DataTableSpec PATH = spec(new String[] {"path", "t", "train_loss", "train_error", "test_loss",
        "test_error", "arc_length"}, StringCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
        DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** The column of the largest Hessian eigenvalue that Evaluate Curve and FGE Ensemble append on request. */
    public static final String LAMBDA_MAX = "lambda_max";

    /** Evaluate Curve's profile with its sharpness column. */
    public static final DataTableSpec PATH_WITH_SHARPNESS = withColumn(PATH, LAMBDA_MAX);

    /**
     * Per path and measured quantity: its value at the ends, min, max, and mean along the path weighted by length;
     * and the path's length in weight space.
     */
    public static final DataTableSpec PATH_STATISTICS = spec(new String[] {"path", "quantity", "start", "end", "min",
        "max", "mean_along_path", "path_length"}, StringCell.TYPE, StringCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
        DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** Per FGE snapshot: its own test error and the ensemble's so far. */
    public static final DataTableSpec SNAPSHOTS = spec(new String[] {"snapshot", "iteration", "epoch",
        "learning_rate", "snapshot_test_loss", "snapshot_test_error", "ensemble_test_loss", "ensemble_test_error",
        "swa_test_loss", "swa_test_error"}, IntCell.TYPE, IntCell.TYPE, IntCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
        DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** FGE Ensemble's snapshot table with each snapshot's sharpness. */
    public static final DataTableSpec SNAPSHOTS_WITH_SHARPNESS = withColumn(SNAPSHOTS, LAMBDA_MAX);

    /** The plane grid: (α, β) in units of ‖u‖ and ‖v‖, (x, y) in weight-space distance, the figures. */
    public static final DataTableSpec PLANE_GRID = spec(new String[] {"alpha", "beta", "x", "y", "train_loss",
        "train_error", "test_loss", "test_error"}, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
        DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** The three anchor points and the curve, projected into the plane. */
    public static final DataTableSpec PLANE_POINTS = spec(new String[] {"point", "t", "x", "y"}, StringCell.TYPE,
        DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** Per layer of an alignment: units, permutation, cosine and distance to the reference before and after. */
    public static final DataTableSpec ALIGNMENT = spec(AlignmentReport.COLUMNS.toArray(String[]::new), StringCell.TYPE,
        IntCell.TYPE, StringCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** Per pair of networks: the line's barriers and, when curves were fitted, the curve's. */
    public static final DataTableSpec CONNECTIVITY = spec(ConnectivityReport.COLUMNS.toArray(String[]::new),
        StringCell.TYPE, StringCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    /** Merge Networks' member table: each input network, whether the merge took it, and its held-out figures. */
    public static final DataTableSpec MERGE_MEMBERS = spec(new String[] {"member", "merged", "held_out_loss",
        "held_out_error"}, StringCell.TYPE, BooleanCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE);

    private OutputTables() {
    }

    /** Sharpness's table with {@code top} eigenvalue columns: lambda_1 (the largest) to lambda_top. */
    public static DataTableSpec sharpnessSpec(final int top) {
        List<String> names = new ArrayList<>(List.of("t", "loss"));
        List<DataType> types = new ArrayList<>(List.of(DoubleCell.TYPE, DoubleCell.TYPE));
        for (int k = 1; k <= top; k++) {
            names.add("lambda_" + k);
            types.add(DoubleCell.TYPE);
        }
        names.addAll(List.of("trace", "trace_standard_error", "rows", "hessian_vector_products", "seconds"));
        types.addAll(List.of(DoubleCell.TYPE, DoubleCell.TYPE, IntCell.TYPE, IntCell.TYPE, DoubleCell.TYPE));
        return spec(names.toArray(String[]::new), types.toArray(DataType[]::new));
    }

    /** Sharpness's rows, one per measured network; {@code ts} null for a network, else its t on the curve. */
    public static BufferedDataTable sharpness(final List<Sharpness> rows, final List<Double> ts, final int top,
        final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(sharpnessSpec(top));
        for (int i = 0; i < rows.size(); i++) {
            Sharpness s = rows.get(i);
            List<DataCell> cells = new ArrayList<>(List.of(number(ts.get(i)), number(s.loss())));
            for (int k = 0; k < top; k++) {
                cells.add(number(k < s.eigenvalues().length ? s.eigenvalues()[k] : Double.NaN));
            }
            cells.addAll(List.of(number(s.trace()), number(s.traceStandardError()), new IntCell(s.rows()),
                new IntCell(s.hessianVectorProducts()), number(s.seconds())));
            c.addRowToTable(new DefaultRow(RowKey.createRowKey((long)i), cells.toArray(DataCell[]::new)));
        }
        c.close();
        return c.getTable();
    }

    /** Merge Networks' member table; {@code names} in input order. */
    public static BufferedDataTable mergeMembers(final MergeResult result, final List<String> names,
        final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(MERGE_MEMBERS);
        for (MergeResult.Member m : result.members()) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey((long)m.index()), new StringCell(names.get(m.index())),
                m.included() ? BooleanCell.TRUE : BooleanCell.FALSE,
                number(m.heldOut() == null ? null : m.heldOut().loss()),
                number(m.heldOut() == null ? null : m.heldOut().errorPercent())));
        }
        c.close();
        return c.getTable();
    }

    /** The pair table of a connectivity matrix; {@code curves} may be null (its cells missing). */
    public static BufferedDataTable connectivity(final ConnectivityMatrix lines, final ConnectivityMatrix curves,
        final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(CONNECTIVITY);
        long k = 0;
        int n = lines.names().size();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                c.addRowToTable(new DefaultRow(RowKey.createRowKey(k++), new StringCell(lines.names().get(i)),
                    new StringCell(lines.names().get(j)), number(lines.barrierTrainLoss()[i][j]),
                    number(lines.hasTest() ? lines.barrierTestError()[i][j] : Double.NaN),
                    number(curves == null ? Double.NaN : curves.barrierTrainLoss()[i][j]),
                    number(curves == null || !curves.hasTest() ? Double.NaN : curves.barrierTestError()[i][j])));
            }
        }
        c.close();
        return c.getTable();
    }

    /** The alignment table, one row per layer with parameters. */
    public static BufferedDataTable alignment(final Alignment alignment, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(ALIGNMENT);
        long i = 0;
        for (LayerMatch l : alignment.layers()) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), new StringCell(l.layer()), new IntCell(l.units()),
                new StringCell(l.permutation()), number(l.cosineBefore()), number(l.cosineAfter()),
                number(l.distanceBefore()), number(l.distanceAfter())));
        }
        c.close();
        return c.getTable();
    }

    /** The history table. */
    public static BufferedDataTable history(final List<EpochRecord> history, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(HISTORY);
        long i = 0;
        for (EpochRecord r : history) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), new IntCell(r.epoch()), number(r.learningRate()),
                number(r.trainLoss()), number(r.trainErrorPercent()), number(r.testLoss()),
                number(r.testErrorPercent()), number(r.seconds())));
        }
        c.close();
        return c.getTable();
    }

    /**
     * The curve, line and {@code more} profiles, curve first; with the sharpness column when {@code lambdaMax} is
     * given: per path name, the largest eigenvalue at each of its points (missing for a path it does not name).
     */
    public static BufferedDataTable path(final CurveEvaluation e, final Map<String, double[]> lambdaMax,
        final ExecutionContext exec, final PathProfile... more) {
        return pathRows(paths(e, more), lambdaMax, exec);
    }

    private static BufferedDataTable pathRows(final List<PathProfile> paths,
        final Map<String, double[]> lambdaMax, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(lambdaMax == null ? PATH : PATH_WITH_SHARPNESS);
        long i = 0;
        for (PathProfile profile : paths) {
            double[] arc = profile.arcLengths();
            double[] lambdas = lambdaMax == null ? null : lambdaMax.get(profile.name());
            for (int k = 0; k < profile.points().size(); k++) {
                PathPoint p = profile.points().get(k);
                List<DataCell> cells = new ArrayList<>(List.of(new StringCell(profile.name()), number(p.t()),
                    number(p.trainLoss()), number(p.trainErrorPercent()), number(p.testLoss()),
                    number(p.testErrorPercent()), number(arc[k])));
                if (lambdaMax != null) {
                    cells.add(number(lambdas == null ? null : lambdas[k]));
                }
                c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), cells.toArray(DataCell[]::new)));
            }
        }
        c.close();
        return c.getTable();
    }

    /** The statistics of the curve's and the line's quantities, curve first. */
    public static BufferedDataTable pathStatistics(final CurveEvaluation e, final ExecutionContext exec,
        final PathProfile... more) {
        BufferedDataContainer c = exec.createDataContainer(PATH_STATISTICS);
        long i = 0;
        for (PathProfile profile : paths(e, more)) {
            for (QuantityStatistics q : profile.statistics()) {
                c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), new StringCell(profile.name()),
                    new StringCell(q.quantity()), number(q.start()), number(q.end()), number(q.min()), number(q.max()),
                    number(q.mean()), number(profile.length())));
            }
        }
        c.close();
        return c.getTable();
    }

    /** The FGE snapshots, with the sharpness column when {@code lambdaMax} (one per snapshot) is given. */
    public static BufferedDataTable snapshots(final List<SnapshotRecord> snapshots, final double[] lambdaMax,
        final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(lambdaMax == null ? SNAPSHOTS : SNAPSHOTS_WITH_SHARPNESS);
        long i = 0;
        for (SnapshotRecord s : snapshots) {
            List<DataCell> cells = new ArrayList<>(List.of(new IntCell(s.index()), new IntCell((int)s.iteration()),
                new IntCell(s.epoch()), number(s.learningRate()), number(s.testLoss()), number(s.testErrorPercent()),
                number(s.ensembleTestLoss()), number(s.ensembleTestErrorPercent()), number(s.swaTestLoss()),
                number(s.swaTestErrorPercent())));
            if (lambdaMax != null) {
                cells.add(number(lambdaMax[(int)i]));
            }
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), cells.toArray(DataCell[]::new)));
        }
        c.close();
        return c.getTable();
    }

    /** The plane grid, row by row of β, then α. */
    public static BufferedDataTable planeGrid(final PlaneResult r, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(PLANE_GRID);
        long k = 0;
        for (int j = 0; j < r.ys().length; j++) {
            for (int i = 0; i < r.xs().length; i++) {
                c.addRowToTable(new DefaultRow(RowKey.createRowKey(k++), number(r.xs()[i] / r.lengthU()),
                    number(r.ys()[j] / r.lengthV()), number(r.xs()[i]), number(r.ys()[j]), number(r.trainLoss()[j][i]),
                    number(r.trainError()[j][i]), r.hasTest() ? number(r.testLoss()[j][i]) : missing(),
                    r.hasTest() ? number(r.testError()[j][i]) : missing()));
            }
        }
        c.close();
        return c.getTable();
    }

    /** The named points of the plane (w1, θ, w2, or the centre) and the points of the curve in it. */
    public static BufferedDataTable planePoints(final PlaneResult r, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(PLANE_POINTS);
        // On a curve's plane, w1 and w2 are its ends (t = 0 and 1); θ and a centre have no t.
        long k = 0;
        for (int a = 0; a < r.anchors().length; a++) {
            String name = r.anchorNames().get(a);
            double t = name.equals("w1") ? 0 : name.equals("w2") ? 1 : Double.NaN;
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(k++), new StringCell(name), number(t),
                number(r.anchors()[a][0]), number(r.anchors()[a][1])));
        }
        int n = r.curve().size();
        for (int p = 0; p < n; p++) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(k++), new StringCell("curve"),
                number(n == 1 ? 0 : p / (double)(n - 1)), number(r.curve().get(p)[0]), number(r.curve().get(p)[1])));
        }
        c.close();
        return c.getTable();
    }

    /** A profile table of these paths, in order (Evaluate Curve's layout). */
    public static BufferedDataTable paths(final List<PathProfile> paths, final ExecutionContext exec) {
        return pathRows(paths, null, exec);
    }

    /** The curve, the line and {@code more}. */
    private static List<PathProfile> paths(final CurveEvaluation e, final PathProfile... more) {
        List<PathProfile> all = new ArrayList<>(List.of(e.curve(), e.line()));
        all.addAll(List.of(more));
        return all;
    }

    private static DataCell number(final Double v) {
        return v == null || v.isNaN() ? missing() : new DoubleCell(v);
    }

    private static DataCell missing() {
        return DataType.getMissingCell();
    }

    private static DataTableSpec withColumn(final DataTableSpec spec, final String name) {
        List<org.knime.core.data.DataColumnSpec> cols = new ArrayList<>();
        for (int i = 0; i < spec.getNumColumns(); i++) {
            cols.add(spec.getColumnSpec(i));
        }
        cols.add(new DataColumnSpecCreator(name, DoubleCell.TYPE).createSpec());
        return new DataTableSpec(cols.toArray(org.knime.core.data.DataColumnSpec[]::new));
    }

    private static DataTableSpec spec(final String[] names, final DataType... types) {
        List<org.knime.core.data.DataColumnSpec> cols = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            cols.add(new DataColumnSpecCreator(names[i], types[i]).createSpec());
        }
        return new DataTableSpec(cols.toArray(org.knime.core.data.DataColumnSpec[]::new));
    }
}
