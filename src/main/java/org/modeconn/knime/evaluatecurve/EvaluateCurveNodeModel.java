package org.modeconn.knime.evaluatecurve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.align.ActivationRepair;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.report.CurvePlot;
import org.modeconn.engine.report.view.CurveProfileData;
import org.modeconn.engine.report.view.ViewHeader;
import org.modeconn.engine.sharpness.Sharpness;
import org.modeconn.engine.sharpness.SharpnessAnalyzer;
import org.modeconn.engine.sharpness.SharpnessSettings;
import org.modeconn.knime.node.ImagePorts;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
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
            if (p.m_lineRepair && curve.description().network().architecture().hasBatchNorm()) {
                throw NodeMessages.invalidSettings("REPAIR is for networks without BatchNorm; this curve's network "
                    + "has BatchNorm layers, whose statistics every point of the line gets recomputed already.",
                    "Switch off 'Also the line with REPAIR': the line is repaired by BatchNorm recomputation.");
            }
        }
        return new PortObjectSpec[] {p.m_sharpness ? OutputTables.PATH_WITH_SHARPNESS : OutputTables.PATH,
            ImagePorts.pngSpec(), OutputTables.PATH_STATISTICS};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final EvaluateCurveNodeParameters p) throws Exception {
        CurvePortObject curve = (CurvePortObject)in[0];
        ModelDescription d = curve.getSpec().description();
        Dataset train = ModelTables.read((BufferedDataTable)in[1], d, true, "training table", exec.createSubProgress(0.01));
        Dataset test = in[2] == null ? null
            : ModelTables.read((BufferedDataTable)in[2], d, true, "test table", exec.createSubProgress(0.01));
        double repairShare = p.m_lineRepair ? 0.3 : 0;
        double sharpnessShare = p.m_sharpness ? 0.4 : 0;
        CurveEvaluation e = CurveEvaluator.evaluate(curve.model(), train, test, p.m_points,
            org.modeconn.engine.train.ParallelPoints.defaultWorkers(), p.m_includeLine,
            new NodeProgress(exec.createSubProgress(0.98 - repairShare - sharpnessShare), "Evaluating points"));
        Map<String, double[]> lambdaMax = null;
        if (p.m_sharpness) {
            lambdaMax = new LinkedHashMap<>();
            CurveModel c = curve.model();
            List<CurveModel> paths = new ArrayList<>(List.of(c));
            if (p.m_includeLine) {
                paths.add(c.lineBetweenEnds());
            }
            List<String> names = List.of(e.curve().name(), e.line().name());
            for (int k = 0; k < paths.size(); k++) {
                String path = names.get(k);
                List<Sharpness> s = SharpnessAnalyzer.alongCurve(paths.get(k), train, p.m_points,
                    SharpnessSettings.LARGEST_EIGENVALUE, new NodeProgress(exec.createSubProgress(sharpnessShare
                        / paths.size()), (point, product, loss, lr) -> "Sharpness along the " + path + ": point "
                            + point + " of " + p.m_points));
                lambdaMax.put(path, s.stream().mapToDouble(x -> x.eigenvalues()[0]).toArray());
            }
        }
        PathProfile[] more = new PathProfile[0];
        if (p.m_lineRepair) {
            CurveModel c = curve.model();
            Network start = new Network(c.spec(), c.scaling(), c.pointAt(0), null, null);
            Network end = new Network(c.spec(), c.scaling(), c.pointAt(1), null, null);
            more = new PathProfile[] {ActivationRepair.of(start, end, train).line(test, p.m_points,
                new NodeProgress(exec.createSubProgress(repairShare), "Evaluating the line with REPAIR"))};
        }
        String name = d.curve().type().label();
        List<PathProfile> paths = new ArrayList<>(List.of(e.curve(), e.line()));
        List<String> names = new ArrayList<>(List.of(name, "line"));
        for (PathProfile extra : more) {
            paths.add(extra);
            names.add(extra.name());
        }
        byte[] png = PngImages.render(file -> CurvePlot.writePaths(paths, names, file));
        setViewData(CurveProfileData.of(ViewHeader.of("Loss and error along the " + name + " curve and the line",
            d.provenance(), backendNote()), e, more));
        return new PortObject[] {OutputTables.path(e, lambdaMax, exec, more), ImagePorts.png(png),
            OutputTables.pathStatistics(e, exec, more)};
    }
}
