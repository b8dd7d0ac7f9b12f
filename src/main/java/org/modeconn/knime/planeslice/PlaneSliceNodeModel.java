package org.modeconn.knime.planeslice;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.report.PlaneHeatMap;
import org.modeconn.engine.report.view.PlaneData;
import org.modeconn.engine.report.view.ViewHeader;
import org.modeconn.knime.node.ImagePorts;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.node.PngImages;
import org.modeconn.knime.ports.CurvePortObject;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.ModelPortSpec;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.table.ModelTables;
import org.modeconn.knime.table.OutputTables;

/**
 * Plane Slice: loss and error on the plane through three weight vectors, a curve's ends and middle bend or
 * three networks.
 */
final class PlaneSliceNodeModel extends ModeConnNodeModel<PlaneSliceNodeParameters> {

    PlaneSliceNodeModel() {
        super(PlaneSliceNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final PlaneSliceNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        ModelDescription reference = p.m_plane == PlaneSliceNodeParameters.Plane.RANDOM_DIRECTIONS
            ? aroundOneNetwork(in) : throughThreePoints(in);
        ModelTables.check((DataTableSpec)in[1], reference, true, "training table");
        if (in[2] != null) {
            ModelTables.check((DataTableSpec)in[2], reference, true, "test table");
        }
        return new PortObjectSpec[] {OutputTables.PLANE_GRID, ImagePorts.pngSpec(), OutputTables.PLANE_POINTS};
    }

    /** The model whose columns the tables must have: the curve's, or the first of three networks. */
    private ModelDescription throughThreePoints(final PortObjectSpec[] in) throws InvalidSettingsException {
        boolean curve = in[0] != null;
        int networks = (in[3] != null ? 1 : 0) + (in[4] != null ? 1 : 0) + (in[5] != null ? 1 : 0);
        if (!curve && networks != 3) {
            throw NodeMessages.invalidSettings("Plane Slice needs a curve or three networks; " + networks
                + " network(s) and no curve are connected.",
                "Connect a curve from Fit Curve to the first port, or three networks to the last three ports.");
        }
        ModelDescription reference = ((ModelPortSpec)(curve ? in[0] : in[3])).description();
        if (!curve) {
            ModelTables.requireCompatible(reference, ((ModelPortSpec)in[4]).description(), "The networks");
            ModelTables.requireCompatible(reference, ((ModelPortSpec)in[5]).description(), "The networks");
        } else if (networks > 0) {
            setWarningMessage("A curve is connected: its plane is sliced and the networks are ignored.");
        }
        return reference;
    }

    /** Random directions around the network at the first network port; other connected models are ignored. */
    private ModelDescription aroundOneNetwork(final PortObjectSpec[] in) throws InvalidSettingsException {
        if (in[3] == null) {
            throw NodeMessages.invalidSettings("Random directions are taken around one network, and none is "
                + "connected to the 'First network' port.", "Connect the network to slice around to that port, or "
                    + "choose the plane through three points.");
        }
        if (in[0] != null || in[4] != null || in[5] != null) {
            setWarningMessage("Random directions are taken around the first network only: the other models "
                + "connected are ignored.");
        }
        return ((ModelPortSpec)in[3]).description();
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final PlaneSliceNodeParameters p) throws Exception {
        boolean random = p.m_plane == PlaneSliceNodeParameters.Plane.RANDOM_DIRECTIONS;
        // Around one network, a connected curve plays no part.
        CurvePortObject curve = random ? null : (CurvePortObject)in[0];
        ModelDescription d = curve != null ? curve.getSpec().description()
            : ((NetworkPortObject)in[3]).getSpec().description();
        Dataset train = ModelTables.read((BufferedDataTable)in[1], d, true, "training table", exec.createSubProgress(0.01));
        Dataset test = in[2] == null ? null
            : ModelTables.read((BufferedDataTable)in[2], d, true, "test table", exec.createSubProgress(0.01));
        NodeProgress progress = new NodeProgress(exec.createSubProgress(0.98), "Evaluating the grid");
        PlaneResult r = random
            ? PlaneSlicer.sliceAround(((NetworkPortObject)in[3]).model(), train, test, p.planeSettings(),
                p.randomPlane(), progress)
            : curve != null ? PlaneSlicer.slice(curve.model(), train, test, p.planeSettings(), progress)
            : PlaneSlicer.slice(((NetworkPortObject)in[3]).model(), ((NetworkPortObject)in[4]).model(),
                ((NetworkPortObject)in[5]).model(), train, test, p.planeSettings(), progress);
        if (r.trainExamples() < train.numExamples()) {
            setWarningMessage("The train loss and BatchNorm statistics use the first " + r.trainExamples() + " of the "
                + train.numExamples() + " training rows (setting 'Training rows for the train loss').");
        }
        byte[] png = PngImages.render(file -> PlaneHeatMap.write(r, file));
        setViewData(PlaneData.of(ViewHeader.of(random ? "Two random directions around a network" : curve != null
            ? "The plane of the curve" : "The plane of three networks",
            d.provenance(), backendNote()), r));
        return new PortObject[] {OutputTables.planeGrid(r, exec), ImagePorts.png(png), OutputTables.planePoints(r, exec)};
    }
}
