package org.modeconn.knime.trainendpoint;


import java.util.List;

import org.knime.core.node.BufferedDataTable;
import org.modeconn.knime.node.ModeConnNodeFactory;
import org.modeconn.knime.node.NodeDefinition;
import org.modeconn.knime.node.NodePort;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.views.ViewPage;

/** Train Endpoint: a network trained from scratch, the endpoint of curves and the start of FGE. */
public final class TrainEndpointNodeFactory extends ModeConnNodeFactory {

    private static final NodeDefinition<TrainEndpointNodeModel> NODE = new NodeDefinition<>(
        "Train Endpoint", "./train-endpoint.png",
        "Trains a neural network classifier from scratch with SGD.",
        "<p>Trains a network (dense, BatchNorm, convolutional, VGG or pre-activation ResNet) on the numeric feature "
            + "columns of a table (columns that are not numeric, the class column aside, are named in a warning) to "
            + "predict its class column, with SGD, momentum, weight decay and the learning-rate "
            + "schedule of Garipov et al. (2018). Two endpoints trained with different seeds are the ends of a curve "
            + "(Fit Curve); an endpoint stopped early with its momentum is where FGE starts.</p>"
            + "<p>Progress shows the epoch, batch and loss; training stops at the first non-finite loss and keeps the "
            + "network of the last complete epoch, with a warning. The output network records its provenance: data, "
            + "settings, seed, the device it ran on, and its final figures.</p>",
        List.of(new NodePort("Training data", "Numeric feature columns and a class column.", BufferedDataTable.TYPE),
            new NodePort("Test data", "The same columns; evaluated after every epoch.",
                BufferedDataTable.TYPE_OPTIONAL)),
        List.of(new NodePort("Network", "The trained network, its feature scaling and provenance. Its classes are "
            + "known before execution when the class column's domain lists them (string columns); for an integer "
            + "class column they are known once the node has run, and the nodes after it configure then.",
            NetworkPortObject.TYPE),
            new NodePort("Training history", "Per epoch: learning rate, train loss and error (%), test loss and error (%), "
                + "seconds.", BufferedDataTable.TYPE)),
        NodeType.Learner, List.of("neural network", "deep learning", "SGD", "mode connectivity"),
        TrainEndpointNodeParameters.class, TrainEndpointNodeModel::new)
        .withView(ViewPage.LEARNING_CURVES,
            "Learning curves: train and test loss and error (%) per epoch, with the learning rate; a log "
                + "scale for the losses. Hover an epoch for its figures.");

    /** The factory KNIME instantiates. */
    public TrainEndpointNodeFactory() {
        super(NODE);
    }
}
