package org.modeconn.knime.table;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
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
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.report.AlignmentReport;
import org.modeconn.engine.report.ConnectivityReport;

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

    private OutputTables() {
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

    /** The curve and line profiles, curve first. */
    public static BufferedDataTable path(final CurveEvaluation e, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(PATH);
        long i = 0;
        for (PathProfile profile : List.of(e.curve(), e.line())) {
            double[] arc = profile.arcLengths();
            for (int k = 0; k < profile.points().size(); k++) {
                PathPoint p = profile.points().get(k);
                c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), new StringCell(profile.name()),
                    number(p.t()), number(p.trainLoss()), number(p.trainErrorPercent()), number(p.testLoss()),
                    number(p.testErrorPercent()), number(arc[k])));
            }
        }
        c.close();
        return c.getTable();
    }

    /** The statistics of the curve's and the line's quantities, curve first. */
    public static BufferedDataTable pathStatistics(final CurveEvaluation e, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(PATH_STATISTICS);
        long i = 0;
        for (PathProfile profile : List.of(e.curve(), e.line())) {
            for (QuantityStatistics q : profile.statistics()) {
                c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), new StringCell(profile.name()),
                    new StringCell(q.quantity()), number(q.start()), number(q.end()), number(q.min()), number(q.max()),
                    number(q.mean()), number(profile.length())));
            }
        }
        c.close();
        return c.getTable();
    }

    /** The FGE snapshots. */
    public static BufferedDataTable snapshots(final List<SnapshotRecord> snapshots, final ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(SNAPSHOTS);
        long i = 0;
        for (SnapshotRecord s : snapshots) {
            c.addRowToTable(new DefaultRow(RowKey.createRowKey(i++), new IntCell(s.index()),
                new IntCell((int)s.iteration()), new IntCell(s.epoch()), number(s.learningRate()), number(s.testLoss()),
                number(s.testErrorPercent()), number(s.ensembleTestLoss()), number(s.ensembleTestErrorPercent()),
                number(s.swaTestLoss()), number(s.swaTestErrorPercent())));
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

    private static DataCell number(final Double v) {
        return v == null || v.isNaN() ? missing() : new DoubleCell(v);
    }

    private static DataCell missing() {
        return DataType.getMissingCell();
    }

    private static DataTableSpec spec(final String[] names, final DataType... types) {
        List<org.knime.core.data.DataColumnSpec> cols = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            cols.add(new DataColumnSpecCreator(names[i], types[i]).createSpec());
        }
        return new DataTableSpec(cols.toArray(org.knime.core.data.DataColumnSpec[]::new));
    }
}
