package org.modeconn.knime.mergenetworks;

import java.util.List;
import java.util.Locale;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.merge.MergeResult;
import org.modeconn.engine.merge.NetworkMerger;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.ports.EnsembleAndNetworks;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/** Merge Networks: an ensemble's members and up to four networks, aligned to the first and averaged. */
final class MergeNetworksNodeModel extends ModeConnNodeModel<MergeNetworksNodeParameters> {

    /** The ports of the networks, after the ensemble and the two tables. */
    private static final int FIRST_NETWORK_PORT = 3;

    MergeNetworksNodeModel() {
        super(MergeNetworksNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final MergeNetworksNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        ModelDescription d = EnsembleAndNetworks.check(in, FIRST_NETWORK_PORT, "Merging");
        ModelTables.check((DataTableSpec)in[1], d, true, "training table");
        if (in[2] != null) {
            ModelTables.check((DataTableSpec)in[2], d, true, "held-out table");
        } else if (p.m_greedy) {
            throw NodeMessages.invalidSettings("A greedy merge keeps a network only if the held-out error does not "
                + "rise, but no held-out table is connected.", "Connect a table the networks were not trained on to "
                    + "the held-out port, or switch off 'Greedy'.");
        }
        if (p.m_repair && d.network().architecture().hasBatchNorm()) {
            throw NodeMessages.invalidSettings("REPAIR is for networks without BatchNorm; these have BatchNorm layers, "
                + "whose statistics the merge recomputes anyway.", "Switch off 'REPAIR'.");
        }
        return new PortObjectSpec[] {new NetworkPortObjectSpec(new ModelDescription(NetworkPortObjectSpec.KIND,
            d.network(), d.trainableParameters(), d.columns(), null, null, null)), OutputTables.MERGE_MEMBERS};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final MergeNetworksNodeParameters p) throws Exception {
        EnsembleAndNetworks given = EnsembleAndNetworks.of(in, FIRST_NETWORK_PORT);
        List<Network> networks = given.networks();
        List<String> names = given.names();
        ModelDescription d = given.description();
        Dataset train = ModelTables.read((BufferedDataTable)in[1], d, true, "training table",
            exec.createSubProgress(0.01));
        Dataset heldOut = in[2] == null ? null
            : ModelTables.read((BufferedDataTable)in[2], d, true, "held-out table", exec.createSubProgress(0.01));
        int count = networks.size();
        MergeResult r = NetworkMerger.merge(networks, train, heldOut, p.settings(), new NodeProgress(
            exec.createSubProgress(0.98), (phase, network, loss, unused) -> phase == NetworkMerger.ALIGNING
                ? "Aligning network " + network + " of " + count + " to network 1"
                : "Averaging: " + network + " of " + count + " networks tried"));
        if (r.mergedHeldOut() != null) {
            exec.setMessage(String.format(Locale.ROOT, "%d of %d networks merged: held-out error %.2f%%",
                r.includedCount(), count, r.mergedHeldOut().errorPercent()));
        }
        return new PortObject[] {NetworkPortObject.create(r.merged(), d.columns(), exec),
            OutputTables.mergeMembers(r, names, exec)};
    }
}
