package org.modeconn.knime.evaluatecurve;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.report.CurvePlot;
import org.modeconn.engine.report.view.CurveProfileData;
import org.modeconn.engine.report.view.ViewHeader;
import org.modeconn.knime.node.ImagePorts;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.node.PngImages;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.CurvePortObjectSpec;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/** Evaluate Curve: loss and error along a curve and along the straight line, BatchNorm recomputed at each t. */
final class EvaluateCurveNodeModel extends ModeConnNodeModel<EvaluateCurveNodeParameters> {

    EvaluateCurveNodeModel() {
        super(EvaluateCurveNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final EvaluateCurveNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        CurvePortObjectSpec curve = (CurvePortObjectSpec)in[0];
        if (curve != null) {
            ModelTables.check((DataTableSpec)in[1], curve.description(), true, "training table");
            if (in[2] != null) {
                ModelTables.check((DataTableSpec)in[2], curve.description(), true, "test table");
            }
        }
        return new PortObjectSpec[] {OutputTables.PATH, ImagePorts.pngSpec(), OutputTables.PATH_STATISTICS};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final EvaluateCurveNodeParameters p) throws Exception {
        CurvePortObject curve = (CurvePortObject)in[0];
        ModelDescription d = curve.getSpec().description();
        Dataset train = ModelTables.read((BufferedDataTable)in[1], d, true, "training table", exec.createSubProgress(0.01));
        Dataset test = in[2] == null ? null
            : ModelTables.read((BufferedDataTable)in[2], d, true, "test table", exec.createSubProgress(0.01));
        CurveEvaluation e = CurveEvaluator.evaluate(curve.model(), train, test, p.m_points,
            org.modeconn.engine.train.ParallelPoints.defaultWorkers(), p.m_includeLine,
            new NodeProgress(exec.createSubProgress(0.98), "Evaluating points"));
        String name = d.curve().type().label();
        byte[] png = PngImages.render(file -> CurvePlot.write(e, name, file));
        setViewData(CurveProfileData.of(ViewHeader.of("Loss and error along the " + name + " curve and the line",
            d.provenance(), backendNote()), e));
        return new PortObject[] {OutputTables.path(e, exec), ImagePorts.png(png), OutputTables.pathStatistics(e, exec)};
    }
}
