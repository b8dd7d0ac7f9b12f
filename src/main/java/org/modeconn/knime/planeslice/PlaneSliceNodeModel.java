package org.modeconn.knime.planeslice;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.report.LineSlicePlot;
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
 * Plane Slice: loss and error on the plane through three weight vectors (a curve's ends and middle bend or
 * three networks), on the plane of two random directions around one network, or along a line (between two
 * networks, or along one random direction).
 */
final class PlaneSliceNodeModel extends ModeConnNodeModel<PlaneSliceNodeParameters> {

    PlaneSliceNodeModel() {
        super(PlaneSliceNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] in, final PlaneSliceNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        ModelDescription reference = switch (p.m_plane) {
            case RANDOM_DIRECTIONS, RANDOM_DIRECTION_LINE -> aroundOneNetwork(in);
            case LINE_BETWEEN_NETWORKS -> betweenTwoNetworks(in);
            case THROUGH_POINTS -> throughThreePoints(in);
        };
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

    /** The line between the networks at the first two network ports; other connected models are ignored. */
    private ModelDescription betweenTwoNetworks(final PortObjectSpec[] in) throws InvalidSettingsException {
        if (in[3] == null || in[4] == null) {
            throw NodeMessages.invalidSettings("The line between two networks needs networks at the 'First network' "
                + "and 'Second network' ports; " + ((in[3] == null ? 0 : 1) + (in[4] == null ? 0 : 1))
                + " is connected.", "Connect the two networks the line joins to those ports, or choose another "
                    + "slice.");
        }
        ModelDescription reference = ((ModelPortSpec)in[3]).description();
        ModelTables.requireCompatible(reference, ((ModelPortSpec)in[4]).description(), "The networks");
        if (in[0] != null || in[5] != null) {
            setWarningMessage("The line runs between the first two networks only: the other models connected are "
                + "ignored.");
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
        PlaneSliceNodeParameters.Plane plane = p.m_plane;
        // Around one network or between two, a connected curve plays no part.
        CurvePortObject curve = plane == PlaneSliceNodeParameters.Plane.THROUGH_POINTS ? (CurvePortObject)in[0] : null;
        ModelDescription d = curve != null ? curve.getSpec().description()
            : ((NetworkPortObject)in[3]).getSpec().description();
        Dataset train = ModelTables.read((BufferedDataTable)in[1], d, true, "training table", exec.createSubProgress(0.01));
        Dataset test = in[2] == null ? null
            : ModelTables.read((BufferedDataTable)in[2], d, true, "test table", exec.createSubProgress(0.01));
        NodeProgress progress = new NodeProgress(exec.createSubProgress(0.98), "Evaluating the grid");
        PlaneResult r = switch (plane) {
            case RANDOM_DIRECTIONS -> PlaneSlicer.sliceAround(network(in, 3), train, test, p.planeSettings(),
                p.randomPlane(), progress);
            case RANDOM_DIRECTION_LINE -> PlaneSlicer.lineAround(network(in, 3), train, test, p.planeSettings(),
                p.randomPlane(), progress);
            case LINE_BETWEEN_NETWORKS -> PlaneSlicer.lineBetween(network(in, 3), network(in, 4), train, test,
                p.planeSettings(), progress);
            case THROUGH_POINTS -> curve != null ? PlaneSlicer.slice(curve.model(), train, test, p.planeSettings(), progress)
                : PlaneSlicer.slice(network(in, 3), network(in, 4), network(in, 5), train, test, p.planeSettings(),
                    progress);
        };
        if (r.trainExamples() < train.numExamples()) {
            setWarningMessage("The train loss and BatchNorm statistics use the first " + r.trainExamples() + " of the "
                + train.numExamples() + " training rows (setting 'Training rows for the train loss').");
        }
        byte[] png = PngImages.render(file -> {
            if (r.isLine()) {
                LineSlicePlot.write(r, file);
            } else {
                PlaneHeatMap.write(r, file);
            }
        });
        String title = switch (plane) {
            case RANDOM_DIRECTIONS -> "Two random directions around a network";
            case RANDOM_DIRECTION_LINE -> "One random direction through a network";
            case LINE_BETWEEN_NETWORKS -> "The straight line between two networks";
            case THROUGH_POINTS -> curve != null ? "The plane of the curve" : "The plane of three networks";
        };
        setViewData(PlaneData.of(ViewHeader.of(title, d.provenance(), backendNote()), r));
        return new PortObject[] {OutputTables.planeGrid(r, exec), ImagePorts.png(png), OutputTables.planePoints(r, exec)};
    }

    private static Network network(final PortObject[] in, final int port) {
        return ((NetworkPortObject)in[port]).model();
    }
}
