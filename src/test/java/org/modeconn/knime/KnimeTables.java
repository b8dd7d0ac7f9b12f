package org.modeconn.knime;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;

/** KNIME tables of MNIST digits for node tests: an integer {@code label} column and px0 … px783. */
public final class KnimeTables {

    private static Dataset train;

    private static Dataset test;

    private KnimeTables() {
    }

    /** The first {@code n} training digits. */
    public static synchronized BufferedDataTable mnistTrain(final int n) {
        if (train == null) {
            train = EmbeddedMnist.train();
        }
        return table(train.head(n));
    }

    /** The first {@code n} test digits. */
    public static synchronized BufferedDataTable mnistTest(final int n) {
        if (test == null) {
            test = EmbeddedMnist.test();
        }
        return table(test.head(n));
    }

    /** The spec of those tables. */
    public static DataTableSpec mnistSpec() {
        List<DataColumnSpec> cols = new ArrayList<>();
        cols.add(new DataColumnSpecCreator("label", IntCell.TYPE).createSpec());
        for (int j = 0; j < 784; j++) {
            cols.add(new DataColumnSpecCreator("px" + j, IntCell.TYPE).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    private static BufferedDataTable table(final Dataset d) {
        List<DataRow> rows = new ArrayList<>();
        float[] x = d.rawFeatures();
        int f = d.numFeatures();
        for (int i = 0; i < d.numExamples(); i++) {
            DataCell[] cells = new DataCell[f + 1];
            cells[0] = new IntCell(Integer.parseInt(d.classNames().get(d.labels()[i])));
            for (int j = 0; j < f; j++) {
                cells[j + 1] = new IntCell((int)x[i * f + j]);
            }
            rows.add(new DefaultRow(RowKey.createRowKey((long)i), cells));
        }
        return BufferedDataTable.subsetOf(mnistSpec(), rows);
    }

    /** A table with the given spec and rows of cells. */
    public static BufferedDataTable of(final DataTableSpec spec, final List<DataCell[]> rows) {
        List<DataRow> r = new ArrayList<>();
        for (DataCell[] cells : rows) {
            r.add(new DefaultRow(RowKey.createRowKey((long)r.size()), cells));
        }
        return BufferedDataTable.subsetOf(spec, r);
    }
}
