package org.modeconn.knime.predictor;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.ModelPortSpec;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.table.ModelTables;

/** Ensemble Predictor: applies a network or an ensemble to a table; class probabilities and prediction appended. */
final class EnsemblePredictorNodeModel extends ModeConnNodeModel<EnsemblePredictorNodeParameters> {

    EnsemblePredictorNodeModel() {
        super(EnsemblePredictorNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final EnsemblePredictorNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        if ((in[0] == null) == (in[1] == null)) {
            throw NodeMessages.invalidSettings(in[0] == null ? "No model is connected."
                : "Both a network and an ensemble are connected.",
                "Connect either a network (first port) or an ensemble (second port).");
        }
        ModelDescription d = ((ModelPortSpec)(in[0] != null ? in[0] : in[1])).description();
        DataTableSpec table = (DataTableSpec)in[2];
        ModelTables.check(table, d, false, "table to predict");
        return new PortObjectSpec[] {outputSpec(table, d, p)};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final EnsemblePredictorNodeParameters p) throws Exception {
        BufferedDataTable table = (BufferedDataTable)in[2];
        ModelDescription d = in[0] != null ? ((NetworkPortObject)in[0]).getSpec().description()
            : ((EnsemblePortObject)in[1]).getSpec().description();
        Dataset data = ModelTables.read(table, d, false, "table to predict", exec.createSubProgress(0.2));
        exec.setMessage("Predicting " + data.numExamples() + " rows");
        Predictor.Predictions predictions = in[0] != null ? Predictor.predict(((NetworkPortObject)in[0]).model(), data)
            : Predictor.predict(((EnsemblePortObject)in[1]).model(), data);
        DataTableSpec spec = outputSpec(table.getDataTableSpec(), d, p);
        BufferedDataContainer c = exec.createDataContainer(spec);
        int k = predictions.classNames().size();
        CloseableRowIterator it = table.iterator();
        try {
            for (int r = 0; it.hasNext(); r++) {
                if (r % 4096 == 0) {
                    exec.checkCanceled();
                    exec.setProgress(0.2 + 0.8 * r / (double)data.numExamples());
                }
                DataRow row = it.next();
                List<DataCell> cells = new ArrayList<>(row.getNumCells() + k + 1);
                for (int j = 0; j < row.getNumCells(); j++) {
                    cells.add(row.getCell(j));
                }
                if (p.m_appendProbabilities) {
                    for (int j = 0; j < k; j++) {
                        cells.add(new DoubleCell(predictions.probabilities()[r * k + j]));
                    }
                }
                cells.add(new StringCell(predictions.classNames().get(predictions.predicted()[r])));
                c.addRowToTable(new DefaultRow(row.getKey(), cells));
            }
        } finally {
            it.close();
        }
        c.close();
        return new PortObject[] {c.getTable()};
    }

    private static DataTableSpec outputSpec(final DataTableSpec in, final ModelDescription d,
        final EnsemblePredictorNodeParameters p) {
        List<DataColumnSpec> cols = new ArrayList<>();
        in.forEach(cols::add);
        List<String> names = new ArrayList<>(List.of(in.getColumnNames()));
        if (p.m_appendProbabilities) {
            for (String cls : d.network().classNames()) {
                cols.add(new DataColumnSpecCreator(unique(names, "P (" + cls + ")"), DoubleCell.TYPE).createSpec());
            }
        }
        cols.add(new DataColumnSpecCreator(unique(names, p.m_predictionColumn), StringCell.TYPE).createSpec());
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** KNIME's convention for clashes: "name (#1)", "name (#2)", … */
    private static String unique(final List<String> taken, final String name) {
        String n = name;
        for (int i = 1; taken.contains(n); i++) {
            n = name + " (#" + i + ")";
        }
        taken.add(n);
        return n;
    }
}
