package org.modeconn.knime.fitcurve;

import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.curve.CurveFitResult;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.report.view.LearningCurvesData;
import org.modeconn.engine.report.view.ViewHeader;
import org.modeconn.engine.train.TrainingDivergedException;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.CurvePortObjectSpec;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/** Fit Curve: a low-loss curve between two networks of one architecture, trained on a table. */
final class FitCurveNodeModel extends ModeConnNodeModel<FitCurveNodeParameters> {

    FitCurveNodeModel() {
        super(FitCurveNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final FitCurveNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        NetworkPortObjectSpec a = (NetworkPortObjectSpec)in[0];
        NetworkPortObjectSpec b = (NetworkPortObjectSpec)in[1];
        PortObjectSpec curve = null;
        if (a != null && b != null) {
            ModelTables.requireCompatible(a.description(), b.description(), "The two endpoint networks");
            ModelDescription d = a.description();
            curve = new CurvePortObjectSpec(new ModelDescription(CurvePortObjectSpec.KIND, d.network(),
                d.trainableParameters(), d.columns(), null, new ModelDescription.CurveShape(
                    p.fitSettings().type(), p.m_bends, p.m_fixEnds, p.m_fixEnds), null));
        }
        if (a != null) {
            ModelTables.check((DataTableSpec)in[2], a.description(), true, "training table");
        }
        return new PortObjectSpec[] {curve, OutputTables.HISTORY};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec, final FitCurveNodeParameters p)
        throws Exception {
        NetworkPortObject a = (NetworkPortObject)in[0];
        NetworkPortObject b = (NetworkPortObject)in[1];
        ModelTables.requireCompatible(a.getSpec().description(), b.getSpec().description(), "The two endpoint networks");
        Dataset train = ModelTables.read((BufferedDataTable)in[2], a.getSpec().description(), true, "training table",
            exec.createSubProgress(0.02));
        CurveFitResult result;
        try {
            result = CurveFitter.fit(a.model(), b.model(), train, p.fitSettings(),
                new NodeProgress(exec.createSubProgress(0.98), "Fitting the curve"));
        } catch (TrainingDivergedException e) {
            CurveModel lastGood = e.lastGood(CurveModel.class).orElseThrow(() -> e);
            setWarningMessage(e.problem() + " The output is the curve after the last complete epoch. "
                + String.join(" ", e.resolutions()));
            List<EpochRecord> kept = lastGood.provenance().map(pr -> pr.history()).orElse(List.of());
            showLearningCurves(lastGood, kept);
            return new PortObject[] {CurvePortObject.create(lastGood, a.getSpec().description().columns(), exec),
                OutputTables.history(kept, exec)};
        }
        showLearningCurves(result.curve(), result.history());
        return new PortObject[] {CurvePortObject.create(result.curve(), a.getSpec().description().columns(), exec),
            OutputTables.history(result.history(), exec)};
    }

    private void showLearningCurves(final CurveModel curve, final List<EpochRecord> history) {
        setViewData(LearningCurvesData.of(ViewHeader.of("Fit of a " + curve.curve().type().label() + " curve between "
            + "two " + curve.spec().architecture().describe() + " networks", curve.provenance().orElse(null),
            backendNote()), history));
    }
}
