package org.modeconn.knime.alignnetworks;

import java.util.Locale;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.align.PermutationSpec;
import org.modeconn.engine.align.WeightMatcher;
import org.modeconn.engine.report.AlignmentReport;
import org.modeconn.knime.node.ModeConnNodeModel;
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
        return new PortObjectSpec[] {aligned, OutputTables.ALIGNMENT};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final AlignNetworksNodeParameters p) throws Exception {
        NetworkPortObject a = (NetworkPortObject)in[0];
        NetworkPortObject b = (NetworkPortObject)in[1];
        ModelTables.requireCompatible(a.getSpec().description(), b.getSpec().description(), WHAT);
        int permutations = PermutationSpec.of(b.model().spec()).groups().size();
        Alignment alignment = WeightMatcher.align(a.model(), b.model(), p.settings(), new NodeProgress(exec,
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
        return new PortObject[] {NetworkPortObject.create(alignment.aligned(), b.getSpec().description().columns(), exec),
            OutputTables.alignment(alignment, exec)};
    }
}
