package org.modeconn.knime.fge;

import java.util.Locale;
import java.util.OptionalInt;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.sharpness.SharpnessAnalyzer;
import org.modeconn.engine.sharpness.SharpnessSettings;
import org.modeconn.engine.ensemble.FastGeometricEnsembling;
import org.modeconn.engine.report.FgePlot;
import org.modeconn.engine.report.view.FgeRunData;
import org.modeconn.engine.report.view.ViewHeader;
import org.modeconn.engine.train.TrainingDivergedException;
import org.modeconn.knime.node.ImagePorts;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.node.PngImages;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.EnsemblePortObjectSpec;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/** FGE Ensemble: snapshots along a cyclical learning rate from a trained network, ensembled by their softmax. */
final class FgeEnsembleNodeModel extends ModeConnNodeModel<FgeEnsembleNodeParameters> {

    FgeEnsembleNodeModel() {
        super(FgeEnsembleNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final FgeEnsembleNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        NetworkPortObjectSpec start = (NetworkPortObjectSpec)in[0];
        EnsemblePortObjectSpec ensemble = null;
        if (start != null) {
            ModelDescription d = start.description();
            ModelTables.check((DataTableSpec)in[1], d, true, "training table");
            if (in[2] != null) {
                ModelTables.check((DataTableSpec)in[2], d, true, "test table");
            }
            // With the cycle in iterations the member count follows the table's length: it is known after the run.
            OptionalInt members = p.fgeSettings().snapshotCount();
            ensemble = new EnsemblePortObjectSpec(ModelDescription.ofEnsemble(d, EnsembleModel.FGE,
                members.isPresent() ? members.getAsInt() : null));
        }
        return new PortObjectSpec[] {ensemble,
            p.m_sharpness ? OutputTables.SNAPSHOTS_WITH_SHARPNESS : OutputTables.SNAPSHOTS, ImagePorts.pngSpec(),
            start == null ? null : new NetworkPortObjectSpec(ModelDescription.ofNetwork(start.description().network(),
                start.description().columns()))};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec, final FgeEnsembleNodeParameters p)
        throws Exception {
        NetworkPortObject start = (NetworkPortObject)in[0];
        ModelDescription d = start.getSpec().description();
        Dataset train = ModelTables.read((BufferedDataTable)in[1], d, true, "training table", exec.createSubProgress(0.01));
        Dataset test = in[2] == null ? null
            : ModelTables.read((BufferedDataTable)in[2], d, true, "test table", exec.createSubProgress(0.01));
        EnsembleRunResult r;
        double sharpnessShare = p.m_sharpness ? 0.3 : 0;
        ExecutionMonitor sharpnessProgress = exec.createSubProgress(sharpnessShare);
        try {
            r = FastGeometricEnsembling.run(start.model(), train, test, p.fgeSettings(),
                new NodeProgress(exec.createSubProgress(0.98 - sharpnessShare), "FGE"));
        } catch (TrainingDivergedException e) {
            // Keep what was made: the ensemble of the snapshots taken before the loss turned non-finite.
            EnsembleRunResult kept = e.lastGood(EnsembleRunResult.class).orElseThrow(() -> e);
            setWarningMessage(e.problem() + " The output is the ensemble of the " + kept.snapshots().size()
                + " snapshots taken before. " + String.join(" ", e.resolutions()));
            showRun(kept);
            return outputs(kept, d, sharpness(p, kept, train, sharpnessProgress), exec);
        }
        if (r.snapshots().isEmpty()) {
            throw new org.modeconn.engine.InvalidInputException("FGE took no snapshot: the cycle is longer than the run.",
                "Give more epochs or a shorter cycle.");
        }
        if (test != null && r.start() != null && r.ensembleTestError() > r.start().errorPercent()) {
            setWarningMessage(String.format(Locale.ROOT, "The ensemble's test error %.2f%% is above the start "
                + "network's %.2f%%. Try a smaller α1, more epochs, or a cycle in iterations.", r.ensembleTestError(),
                r.start().errorPercent()));
        }
        showRun(r);
        return outputs(r, d, sharpness(p, r, train, sharpnessProgress), exec);
    }

    /** Each snapshot's largest Hessian eigenvalue, or null when not asked for. */
    private static double[] sharpness(final FgeEnsembleNodeParameters p, final EnsembleRunResult r, final Dataset train,
        final ExecutionMonitor exec) {
        if (!p.m_sharpness) {
            return null;
        }
        int n = r.ensemble().size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int snapshot = i + 1;
            out[i] = SharpnessAnalyzer.analyze(r.ensemble().member(i), train, SharpnessSettings.LARGEST_EIGENVALUE,
                new NodeProgress(exec.createSubProgress(1.0 / n), (unused, product, loss, lr) -> "Sharpness of "
                    + "snapshot " + snapshot + " of " + n + ": Hessian-vector product " + product)).eigenvalues()[0];
        }
        return out;
    }

    private void showRun(final EnsembleRunResult r) {
        setViewData(FgeRunData.of(ViewHeader.of("FGE: " + r.snapshots().size()
            + (r.snapshots().size() == 1 ? " snapshot of " : " snapshots of ")
            + r.ensemble().spec().architecture().describe(), r.ensemble().provenance().orElse(null), backendNote()), r));
    }

    private static PortObject[] outputs(final EnsembleRunResult r, final ModelDescription d, final double[] lambdaMax,
        final ExecutionContext exec) throws Exception {
        byte[] png = PngImages.render(file -> FgePlot.write(r, file));
        return new PortObject[] {EnsemblePortObject.create(r.ensemble(), d.columns(), exec),
            OutputTables.snapshots(r.snapshots(), lambdaMax, exec), ImagePorts.png(png),
            NetworkPortObject.create(r.swa(), d.columns(), exec)};
    }
}
