package org.modeconn.knime.curvepoint;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.curve.CurvePoint;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.CurvePortObjectSpec;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.ModelTables;

/** Curve Point: the network at one t of a curve, as an ordinary network for prediction or further training. */
final class CurvePointNodeModel extends ModeConnNodeModel<CurvePointNodeParameters> {

    CurvePointNodeModel() {
        super(CurvePointNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final CurvePointNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        CurvePortObjectSpec curve = (CurvePortObjectSpec)in[0];
        if (curve == null) {
            return new PortObjectSpec[] {null};
        }
        ModelDescription d = curve.description();
        if (in[1] == null && d.network().architecture().hasBatchNorm()) {
            throw NodeMessages.invalidSettings("The curve's networks have BatchNorm layers, whose statistics must be "
                + "recomputed at t = " + p.m_t + " from the training table, but none is connected.",
                "Connect the training table the curve was fitted on to the second port.");
        }
        if (in[1] != null) {
            ModelTables.check((DataTableSpec)in[1], d, true, "training table");
        }
        return new PortObjectSpec[] {new NetworkPortObjectSpec(new ModelDescription(NetworkPortObjectSpec.KIND,
            d.network(), d.trainableParameters(), d.columns(), null, null, null))};
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec, final CurvePointNodeParameters p)
        throws Exception {
        CurvePortObject curve = (CurvePortObject)in[0];
        ModelDescription d = curve.getSpec().description();
        Dataset train = in[1] == null ? null
            : ModelTables.read((BufferedDataTable)in[1], d, true, "training table", exec.createSubProgress(0.2));
        exec.setMessage("Taking the network at t = " + p.m_t);
        Network n = CurvePoint.networkAt(curve.model(), p.m_t, train);
        return new PortObject[] {NetworkPortObject.create(n, d.columns(), exec)};
    }
}
