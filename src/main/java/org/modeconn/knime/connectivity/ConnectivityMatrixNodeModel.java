package org.modeconn.knime.connectivity;

import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.report.ConnectivityReport;
import org.modeconn.knime.node.ImagePorts;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.node.PngImages;
import org.modeconn.knime.ports.EnsembleAndNetworks;
import org.modeconn.knime.ports.ModelDescription;
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
        ModelDescription first = EnsembleAndNetworks.check(in, FIRST_NETWORK_PORT, "A connectivity matrix");
        ModelTables.check((DataTableSpec)in[1], first, true, "training table");
        if (in[2] != null) {
            ModelTables.check((DataTableSpec)in[2], first, true, "test table");
        }
        return new PortObjectSpec[] {OutputTables.CONNECTIVITY, ImagePorts.pngSpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final ConnectivityMatrixNodeParameters p) throws Exception {
        EnsembleAndNetworks given = EnsembleAndNetworks.of(in, FIRST_NETWORK_PORT);
        List<Network> networks = given.networks();
        List<String> names = given.names();
        ModelDescription d = given.description();
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
