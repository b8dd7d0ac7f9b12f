package org.modeconn.knime.alignnetworks;

import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.NetworkPortObject;

/** Align Networks: permutes one network's hidden units to match another's (weight matching). */
public final class AlignNetworksNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<AlignNetworksNodeModel> NODE = new NodeDefinition<>(
        "Align Networks", "./align-networks.png",
        "Permutes the hidden units of a network to match a reference network, without changing what it computes.",
        "<p>Two networks trained from different seeds compute similar functions with their hidden units in a "
            + "different order, so the straight line between them crosses a ridge of high loss. This node reorders "
            + "the units of the second network (dense units, convolution channels, with their biases and "
            + "BatchNorm parameters and statistics, one order shared along each residual path) so that its weights "
            + "lie as close as possible to the first's: weight matching (Ainsworth, Hayase and Srinivasa, "
            + "<i>Git Re-Basin</i>, ICLR 2023), data-free, by solving one linear assignment per permutation in "
            + "turn until none changes.</p>"
            + "<p>The aligned network predicts exactly what the second network predicts. Connect it with the "
            + "reference to Fit Curve, Evaluate Curve or Plane Slice: the line and the curves between the two then "
            + "run within one basin, usually with a far lower barrier.</p>"
            + "<p>With <i>Measure the lines</i> and the training table connected, the node measures the line from the "
            + "reference to the network before and after alignment, and with <i>REPAIR</i> the aligned line with its "
            + "hidden statistics repaired (networks without BatchNorm), as the command line's <tt>align "
            + "--measure-lines --repair</tt> does.</p>",
        List.of(new NodePort("Reference network", "The network to align to (A).", NetworkPortObject.TYPE),
            new NodePort("Network to align", "The network whose hidden units are reordered (B), of the same "
                + "architecture and columns as the reference.", NetworkPortObject.TYPE),
            new NodePort("Training data", "With 'Measure the lines': the training table (train figures, BatchNorm "
                + "statistics, REPAIR's statistics).", BufferedDataTable.TYPE_OPTIONAL),
            new NodePort("Test data", "With 'Measure the lines': a table with the same columns, for test figures.",
                BufferedDataTable.TYPE_OPTIONAL)),
        List.of(new NodePort("Aligned network", "B with its hidden units reordered to match A: the same function, "
                + "its provenance kept.", NetworkPortObject.TYPE),
            new NodePort("Matching", "Per layer with parameters: its units, the permutation reordering its outputs, "
                + "and the cosine similarity and Euclidean distance of its parameters to the reference's before and "
                + "after alignment.", BufferedDataTable.TYPE),
            new NodePort("Lines", "With 'Measure the lines': paths \"line\" (A to B), \"aligned line\" (A to the aligned "
                + "B) and with REPAIR \"aligned line (REPAIR)\", one row per point, as Evaluate Curve's profile; empty "
                + "otherwise.", BufferedDataTable.TYPE)),
        NodeType.Manipulator, List.of("mode connectivity", "weight matching", "permutation", "git re-basin",
            "neural network"),
        AlignNetworksNodeParameters.class, AlignNetworksNodeModel::new);

    /** The factory KNIME instantiates. */
    public AlignNetworksNodeFactory() {
        super(NODE);
    }
}
