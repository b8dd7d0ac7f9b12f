package org.modeconn.knime.mergenetworks;

import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.EnsemblePortObject;
import org.modeconn.knime.ports.NetworkPortObject;

/** Merge Networks: one network from several by aligning them to the first and averaging their weights. */
public final class MergeNetworksNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<MergeNetworksNodeModel> NODE = new NodeDefinition<>(
        "Merge Networks", "./merge-networks.png",
        "One network from several of one architecture: aligned to the first, their weights averaged.",
        "<p>Merges networks into one by weight averaging (a <i>model soup</i>, Wortsman et al., ICML 2022): every "
            + "network is aligned to the first by weight matching (as Align Networks does), so that their hidden "
            + "units correspond, then their weights are averaged, all of them or greedily, and the BatchNorm "
            + "statistics of the average are recomputed on the training table. The result predicts with the cost "
            + "of one network where an ensemble costs one per member; how close it comes to the ensemble depends on "
            + "how well the networks connect (Connectivity Matrix shows it).</p>"
            + "<p>The networks are an ensemble's members (from FGE Ensemble or Ensemble Loop End) and the networks "
            + "connected to the four network ports, in that order; the first is the one the others are aligned "
            + "to.</p>",
        List.of(new NodePort("Ensemble", "An ensemble whose members are merged.", EnsemblePortObject.TYPE_OPTIONAL),
            new NodePort("Training data", "The training table: the merged network's BatchNorm statistics, and "
                + "REPAIR's.", BufferedDataTable.TYPE),
            new NodePort("Held-out data", "A table with the same columns the networks were not trained on: each "
                + "network's and the merge's held-out figures, and the greedy merge's choices.",
                BufferedDataTable.TYPE_OPTIONAL),
            new NodePort("Network 1", "A network to merge.", NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Network 2", "A network to merge.", NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Network 3", "A network to merge.", NetworkPortObject.TYPE_OPTIONAL),
            new NodePort("Network 4", "A network to merge.", NetworkPortObject.TYPE_OPTIONAL)),
        List.of(new NodePort("Merged network", "The average of the networks the merge took, BatchNorm statistics "
                + "recomputed; its provenance holds the settings.", NetworkPortObject.TYPE),
            new NodePort("Members", "One row per input network: whether the merge took it and its held-out loss and "
                + "error (%; missing without held-out data).", BufferedDataTable.TYPE)),
        NodeType.Manipulator, List.of("model soup", "weight averaging", "merge", "git re-basin", "REPAIR",
            "mode connectivity"),
        MergeNetworksNodeParameters.class, MergeNetworksNodeModel::new);

    /** The factory KNIME instantiates. */
    public MergeNetworksNodeFactory() {
        super(NODE);
    }
}
