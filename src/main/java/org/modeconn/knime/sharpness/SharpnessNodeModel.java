package org.modeconn.knime.sharpness;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.sharpness.Sharpness;
import org.modeconn.engine.sharpness.SharpnessAnalyzer;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.ModelPortSpec;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/** Sharpness: a network's or a curve's Hessian eigenvalues and trace, one table row per network measured. */
final class SharpnessNodeModel extends ModeConnNodeModel<SharpnessNodeParameters> {

    SharpnessNodeModel() {
        super(SharpnessNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final SharpnessNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        if ((in[0] == null) == (in[1] == null)) {
            throw NodeMessages.invalidSettings(in[0] == null ? "Neither a network nor a curve is connected."
                : "Both a network and a curve are connected; Sharpness measures one of them.",
                "Connect a network to the first port, or a curve to the second.");
        }
        ModelDescription d = ((ModelPortSpec)(in[0] != null ? in[0] : in[1])).description();
        ModelTables.check((DataTableSpec)in[2], d, true, "training table");
        return new PortObjectSpec[] {OutputTables.sharpnessSpec(p.m_top)};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final SharpnessNodeParameters p) throws Exception {
        ModelDescription d = in[0] != null ? ((NetworkPortObject)in[0]).getSpec().description()
            : ((CurvePortObject)in[1]).getSpec().description();
        Dataset train = ModelTables.read((BufferedDataTable)in[2], d, true, "training table",
            exec.createSubProgress(0.01));
        int products = p.m_lanczosSteps + p.m_traceSamples;
        List<Sharpness> rows = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        if (in[0] != null) {
            rows.add(SharpnessAnalyzer.analyze(((NetworkPortObject)in[0]).model(), train, p.settings(),
                new NodeProgress(exec.createSubProgress(0.99), (unused, product, loss, lr) -> "Hessian-vector product "
                    + product + " of at most " + products)));
            ts.add(null);
        } else {
            rows.addAll(SharpnessAnalyzer.alongCurve(((CurvePortObject)in[1]).model(), train, p.m_points, p.settings(),
                new NodeProgress(exec.createSubProgress(0.99), (point, product, loss, lr) -> "Point " + point + " of "
                    + p.m_points + ": Hessian-vector product " + product + " of at most " + products)));
            for (int k = 0; k < p.m_points; k++) {
                ts.add(k / (double)(p.m_points - 1));
            }
        }
        return new PortObject[] {OutputTables.sharpness(rows, ts, p.m_top, exec)};
    }
}
