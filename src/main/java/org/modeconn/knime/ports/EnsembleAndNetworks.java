package org.modeconn.knime.ports;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.table.ModelTables;

/**
 * The networks of a node that takes an optional ensemble at its first port and optional networks from a later port
 * on (Connectivity Matrix, Merge Networks): the ensemble's members first, then the connected networks, in port order,
 * all of one architecture and columns.
 *
 * @param networks the networks
 * @param names "member 1", ... for the ensemble's, "network 1", ... (by port) for the others
 * @param description the first one's description
 */
public record EnsembleAndNetworks(List<Network> networks, List<String> names, ModelDescription description) {

    /** Copies the lists. */
    public EnsembleAndNetworks {
        networks = List.copyOf(networks);
        names = List.copyOf(names);
    }

    /**
     * At configure: the description of the first model, after checking that at least two networks (or an ensemble)
     * are connected and that all are compatible.
     *
     * @param what what the node does with them, for the message ("A connectivity matrix", "Merging")
     */
    public static ModelDescription check(final PortObjectSpec[] in, final int firstNetworkPort, final String what)
        throws InvalidSettingsException {
        List<ModelDescription> models = new ArrayList<>();
        for (int port = 0; port < in.length; port++) {
            if ((port == 0 || port >= firstNetworkPort) && in[port] != null) {
                models.add(((ModelPortSpec)in[port]).description());
            }
        }
        if (models.isEmpty() || in[0] == null && models.size() < 2) {
            throw NodeMessages.invalidSettings(what + " needs at least two networks; " + models.size()
                + " network(s) and no ensemble are connected.", "Connect an ensemble (from FGE Ensemble or Ensemble "
                    + "Loop End) to the first port, or two to four networks to the network ports.");
        }
        for (ModelDescription d : models.subList(1, models.size())) {
            ModelTables.requireCompatible(models.get(0), d, "The networks");
        }
        return models.get(0);
    }

    /** At execute: the ensemble's members and the connected networks. */
    public static EnsembleAndNetworks of(final PortObject[] in, final int firstNetworkPort) {
        List<Network> networks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        ModelDescription d = null;
        if (in[0] != null) {
            EnsemblePortObject e = (EnsemblePortObject)in[0];
            d = e.getSpec().description();
            EnsembleModel ensemble = e.model();
            networks.addAll(ensemble.members());
            names.addAll(ConnectivityMatrix.memberNames(ensemble.size()));
        }
        for (int port = firstNetworkPort; port < in.length; port++) {
            if (in[port] != null) {
                NetworkPortObject n = (NetworkPortObject)in[port];
                d = d == null ? n.getSpec().description() : d;
                ModelTables.requireCompatible(d, n.getSpec().description(), "The networks");
                networks.add(n.model());
                names.add("network " + (port - firstNetworkPort + 1));
            }
        }
        return new EnsembleAndNetworks(networks, names, d);
    }
}
