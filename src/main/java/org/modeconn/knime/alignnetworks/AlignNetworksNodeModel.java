package org.modeconn.knime.alignnetworks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.align.ActivationRepair;
import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.align.PermutationSpec;
import org.modeconn.engine.align.WeightMatcher;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.report.AlignmentReport;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/** Align Networks: network B with its hidden units permuted to match network A, and a table of how close each layer came. */
final class AlignNetworksNodeModel extends ModeConnNodeModel<AlignNetworksNodeParameters> {

    private static final String WHAT = "The reference and the network to align";

    AlignNetworksNodeModel() {
        super(AlignNetworksNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final AlignNetworksNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        NetworkPortObjectSpec a = (NetworkPortObjectSpec)in[0];
        NetworkPortObjectSpec b = (NetworkPortObjectSpec)in[1];
        if (a != null && b != null) {
            ModelTables.requireCompatible(a.description(), b.description(), WHAT);
        }
        PortObjectSpec aligned = null;
        if (b != null) {
            ModelDescription d = b.description();
            aligned = new NetworkPortObjectSpec(new ModelDescription(NetworkPortObjectSpec.KIND, d.network(),
                d.trainableParameters(), d.columns(), null, null, null));
        }
        if (p.m_measureLines) {
            if (in[2] == null) {
                throw NodeMessages.invalidSettings("'Measure the lines' needs the training table, which is not "
                    + "connected.", "Connect the training table to the third port, or switch off 'Measure the lines'.");
            }
            if (b != null) {
                ModelTables.check((DataTableSpec)in[2], b.description(), true, "training table");
                if (in[3] != null) {
                    ModelTables.check((DataTableSpec)in[3], b.description(), true, "test table");
                }
                if (p.m_repair && b.description().network().architecture().hasBatchNorm()) {
                    throw NodeMessages.invalidSettings("REPAIR is for networks without BatchNorm; these have "
                        + "BatchNorm layers, whose statistics every point of a line gets recomputed already.",
                        "Switch off 'REPAIR'.");
                }
            }
        }
        return new PortObjectSpec[] {aligned, OutputTables.ALIGNMENT, OutputTables.PATH};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final AlignNetworksNodeParameters p) throws Exception {
        NetworkPortObject a = (NetworkPortObject)in[0];
        NetworkPortObject b = (NetworkPortObject)in[1];
        ModelTables.requireCompatible(a.getSpec().description(), b.getSpec().description(), WHAT);
        int permutations = PermutationSpec.of(b.model().spec()).groups().size();
        Alignment alignment = WeightMatcher.align(a.model(), b.model(), p.settings(), new NodeProgress(
            exec.createSubProgress(p.m_measureLines ? 0.1 : 1),
            (sweep, permutation, score, unused) -> "Matching the hidden units: sweep " + sweep + ", permutation "
                + permutation + " of " + permutations));
        if (!alignment.converged()) {
            setWarningMessage("Weight matching stopped at the limit of " + alignment.sweeps() + " sweeps while it "
                + "still improved: the network is aligned, but maybe not as closely as it could be. Raise "
                + "'Most sweeps' to let it finish.");
        }
        exec.setMessage(String.format(Locale.ROOT, "%d permutations, %d sweeps: distance %.4g -> %.4g",
            alignment.groups().size(), alignment.sweeps(), AlignmentReport.totalDistance(alignment, false),
            AlignmentReport.totalDistance(alignment, true)));
        List<PathProfile> lines = new ArrayList<>();
        if (p.m_measureLines) {
            ModelDescription d = b.getSpec().description();
            Dataset train = ModelTables.read((BufferedDataTable)in[2], d, true, "training table",
                exec.createSubProgress(0));
            Dataset test = in[3] == null ? null
                : ModelTables.read((BufferedDataTable)in[3], d, true, "test table", exec.createSubProgress(0));
            lines.add(named("line", CurveEvaluator.line(a.model(), b.model(), train, test, p.m_points,
                new NodeProgress(exec.createSubProgress(0.3), "Measuring the line"))));
            lines.add(named("aligned line", CurveEvaluator.line(a.model(), alignment.aligned(), train, test, p.m_points,
                new NodeProgress(exec.createSubProgress(0.3), "Measuring the aligned line"))));
            if (p.m_repair) {
                lines.add(named("aligned line (REPAIR)", ActivationRepair.of(a.model(), alignment.aligned(), train)
                    .line(test, p.m_points, new NodeProgress(exec.createSubProgress(0.3),
                        "Measuring the aligned line with REPAIR"))));
            }
            exec.setMessage(lines.stream().map(l -> String.format(Locale.ROOT, "%s: barrier %.4f", l.name(),
                l.barrierTrainLoss())).collect(Collectors.joining("; ")));
        }
        return new PortObject[] {NetworkPortObject.create(alignment.aligned(), b.getSpec().description().columns(), exec),
            OutputTables.alignment(alignment, exec), OutputTables.paths(lines, exec)};
    }

    private static PathProfile named(final String name, final PathProfile p) {
        return new PathProfile(name, p.points(), p.arcLengths());
    }
}
