package org.modeconn.knime.connectivity;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.report.ConnectivityReport;
import org.modeconn.knime.node.ImagePorts;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.node.PngImages;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.ModelPortSpec;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/** Connectivity Matrix: line (and curve) barriers between every pair of an ensemble's members and networks. */
final class ConnectivityMatrixNodeModel extends ModeConnNodeModel<ConnectivityMatrixNodeParameters> {

    /** The ports of the networks, after the ensemble and the two tables. */
    private static final int FIRST_NETWORK_PORT = 3;

    ConnectivityMatrixNodeModel() {
        super(ConnectivityMatrixNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final ConnectivityMatrixNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        List<ModelDescription> models = new ArrayList<>();
        for (int port = 0; port < in.length; port++) {
            if ((port == 0 || port >= FIRST_NETWORK_PORT) && in[port] != null) {
                models.add(((ModelPortSpec)in[port]).description());
            }
        }
        if (models.isEmpty() || in[0] == null && models.size() < 2) {
            throw NodeMessages.invalidSettings("A connectivity matrix needs at least two networks; " + models.size()
                + " network(s) and no ensemble are connected.", "Connect an ensemble (from FGE Ensemble) to the first "
                    + "port, or two to four networks to the network ports.");
        }
        for (ModelDescription d : models.subList(1, models.size())) {
            ModelTables.requireCompatible(models.get(0), d, "The networks");
        }
        ModelTables.check((DataTableSpec)in[1], models.get(0), true, "training table");
        if (in[2] != null) {
            ModelTables.check((DataTableSpec)in[2], models.get(0), true, "test table");
        }
        return new PortObjectSpec[] {OutputTables.CONNECTIVITY, ImagePorts.pngSpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final ConnectivityMatrixNodeParameters p) throws Exception {
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
        for (int port = FIRST_NETWORK_PORT; port < in.length; port++) {
            if (in[port] != null) {
                NetworkPortObject n = (NetworkPortObject)in[port];
                d = d == null ? n.getSpec().description() : d;
                ModelTables.requireCompatible(d, n.getSpec().description(), "The networks");
                networks.add(n.model());
                names.add("network " + (port - FIRST_NETWORK_PORT + 1));
            }
        }
        Dataset train = ModelTables.read((BufferedDataTable)in[1], d, true, "training table", exec.createSubProgress(0.01));
        Dataset test = in[2] == null ? null
            : ModelTables.read((BufferedDataTable)in[2], d, true, "test table", exec.createSubProgress(0.01));
        double linesShare = p.m_fitCurves ? 0.1 : 0.98;
        int pairs = networks.size() * (networks.size() - 1) / 2;
        ConnectivityMatrix lines = ConnectivityMatrix.ofLines(networks, names, train, test, p.m_points,
            new NodeProgress(exec.createSubProgress(linesShare),
                (unused, pair, loss, rate) -> "Measuring the lines: pair " + pair + " of " + pairs));
        ConnectivityMatrix curves = !p.m_fitCurves ? null : ConnectivityMatrix.ofCurves(networks, names, train, test,
            p.m_points, p.curveSettings(), new NodeProgress(exec.createSubProgress(0.98 - linesShare),
                (unused, pair, loss, rate) -> "Fitting and measuring the curves: pair " + pair + " of " + pairs));
        byte[] png = PngImages.render(file -> ConnectivityReport.writeHeatMap(lines, file));
        return new PortObject[] {OutputTables.connectivity(lines, curves, exec), ImagePorts.png(png)};
    }
}
