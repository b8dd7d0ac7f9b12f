package org.modeconn.knime.trainendpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.report.view.LearningCurvesData;
import org.modeconn.engine.report.view.ViewHeader;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.TrainingDivergedException;
import org.modeconn.engine.train.TrainingResult;
import org.modeconn.knime.node.ModeConnNodeModel;
import org.modeconn.knime.node.NodeMessages;
import org.modeconn.knime.node.NodeProgress;
import org.modeconn.knime.ports.InputColumns;
import org.modeconn.knime.ports.ModelDescription;
import org.modeconn.knime.ports.NetworkPortObject;
import org.modeconn.knime.ports.NetworkPortObjectSpec;
import org.modeconn.knime.table.OutputTables;
import org.modeconn.knime.table.TableDatasets;

/** Train Endpoint: trains a network from scratch on a table; the network and its per-epoch history. */
final class TrainEndpointNodeModel extends ModeConnNodeModel<TrainEndpointNodeParameters> {

    TrainEndpointNodeModel() {
        super(TrainEndpointNodeParameters.class);
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs, final TrainEndpointNodeParameters p)
        throws InvalidSettingsException {
        p.validate();
        DataTableSpec train = (DataTableSpec)inSpecs[0];
        InputColumns columns = columns(train, p);
        ImageShape shape = p.imageShape();
        if (shape != null && !columns.readsImages() && shape.size() != columns.features().size()) {
            throw NodeMessages.invalidSettings("The image shape " + shape + " has " + shape.size() + " values but "
                + columns.features().size() + " feature columns are selected.",
                "Give an image shape whose C·H·W equals the number of feature columns, or select the right columns.");
        }
        if (p.architecture().needsImages() && shape == null && !columns.readsImages()) {
            throw NodeMessages.invalidSettings("The architecture '" + p.m_architecture + "' is convolutional and "
                + "needs the image shape of a row.", "Set the image shape, for example 1x28x28 for MNIST, or choose "
                    + "an image column.");
        }
        if (inSpecs[1] != null) {
            TableDatasets.checkColumns((DataTableSpec)inSpecs[1], columns, true, "test table");
        }
        warnOfColumnsLeftOut(train, columns);
        return new PortObjectSpec[] {networkSpec(train, columns, p), OutputTables.HISTORY};
    }

    /**
     * The network's spec before training, so that the nodes after this one configure: known when the target
     * column's domain lists the classes and the inputs are columns (an image column's size is its first image's).
     */
    private NetworkPortObjectSpec networkSpec(final DataTableSpec train, final InputColumns columns,
        final TrainEndpointNodeParameters p) {
        if (columns.readsImages()) {
            return null;
        }
        // An integer class column lists no values in its domain: the classes are then known once the node has run,
        // and the nodes after it configure then. That is KNIME's ordinary flow, nothing for the user to change.
        Optional<List<String>> classes = TableDatasets.domainClasses(train, columns.target());
        if (classes.isEmpty()) {
            return null;
        }
        NetworkSpec spec = new NetworkSpec(p.architecture(), columns.features().size(), p.imageShape(),
            classes.get(), columns.features());
        return new NetworkPortObjectSpec(ModelDescription.ofNetwork(spec, columns));
    }

    @Override
    protected PortObject[] execute(final PortObject[] in, final ExecutionContext exec,
        final TrainEndpointNodeParameters p) throws Exception {
        BufferedDataTable trainTable = (BufferedDataTable)in[0];
        BufferedDataTable testTable = (BufferedDataTable)in[1];
        InputColumns columns = columns(trainTable.getDataTableSpec(), p);
        ImageShape shape = p.imageShape();
        Dataset train = TableDatasets.read(trainTable, columns, true, List.of(), shape, "training table",
            exec.createSubProgress(0.02));
        // Test images are read in the training images' shape, so that grey ones join a colour training set.
        Dataset test = testTable == null ? null : TableDatasets.read(testTable, columns, true, List.of(),
            train.imageShape().orElse(null), "test table", exec.createSubProgress(0.01));
        warnOfColumnsLeftOut(trainTable.getDataTableSpec(), columns);
        warnOfClassesWithoutRows(train, columns.target());
        NodeProgress progress = new NodeProgress(exec.createSubProgress(0.97), "Training");
        TrainingResult result;
        try {
            result = EndpointTrainer.train(p.architecture(), train, test, p.trainingSettings(), p.stopAfterEpoch(),
                progress);
        } catch (TrainingDivergedException e) {
            Network lastGood = e.lastGood().orElseThrow(() -> e);
            // Keep what was learnt: the last good epoch's network, with a warning that says what to change.
            setWarningMessage(e.problem() + " The output is the network after the last complete epoch. "
                + String.join(" ", e.resolutions()));
            List<EpochRecord> kept = lastGood.provenance().map(pr -> pr.history()).orElse(List.of());
            showLearningCurves(lastGood, kept);
            return new PortObject[] {NetworkPortObject.create(lastGood, columns, exec),
                OutputTables.history(kept, exec)};
        }
        if (result.finalTest() != null && result.finalTest().errorPercent() > 90) {
            setWarningMessage(String.format(Locale.ROOT, "The test error is %.1f%%: the network has not learnt. Lower "
                + "the learning rate, train longer, or check the target column.", result.finalTest().errorPercent()));
        }
        showLearningCurves(result.network(), result.history());
        return new PortObject[] {NetworkPortObject.create(result.network(), columns, exec),
            OutputTables.history(result.history(), exec)};
    }

    private void showLearningCurves(final Network network, final List<EpochRecord> history) {
        setViewData(LearningCurvesData.of(ViewHeader.of("Training of " + network.spec().architecture().describe(),
            network.provenance().orElse(null), backendNote()), history));
    }

    /**
     * Names the columns that cannot be features (neither numeric nor the target) whatever the selection, a new
     * node's included, so that no column is dropped unsaid; numeric columns left out of a selection were chosen so.
     */
    private void warnOfColumnsLeftOut(final DataTableSpec train, final InputColumns columns) {
        if (columns.readsImages()) {
            return;
        }
        List<String> left = TableDatasets.notUsable(train, columns);
        if (!left.isEmpty()) {
            addWarningMessage("Not used as features (not numeric): " + String.join(", ", left.subList(0,
                Math.min(8, left.size()))) + (left.size() > 8 ? " and " + (left.size() - 8) + " more" : "")
                + ". Convert them to numbers to use them (for example with String to Number), or filter them out "
                + "before this node to silence this warning.");
        }
    }

    /**
     * The classes come from the class column's domain when it lists them (so that the spec known at configure
     * holds): a class it lists that no row has (after a Row Filter, say) still gets an output, which is said.
     */
    private void warnOfClassesWithoutRows(final Dataset train, final String target) {
        boolean[] seen = new boolean[train.classNames().size()];
        for (int label : train.labels()) {
            seen[label] = true;
        }
        List<String> absent = new ArrayList<>();
        for (int c = 0; c < seen.length; c++) {
            if (!seen[c]) {
                absent.add(train.classNames().get(c));
            }
        }
        if (!absent.isEmpty()) {
            addWarningMessage("The domain of column '" + target + "' lists classes no training row has: "
                + String.join(", ", absent) + ". The network has outputs for them that were never trained; to leave "
                + "them out, recompute the column's domain (Domain Calculator) after filtering the rows.");
        }
    }

    private static InputColumns columns(final DataTableSpec train, final TrainEndpointNodeParameters p) {
        return TableDatasets.trainingColumns(train, p.m_featureColumns.filterFromFullSpec(train), p.m_targetColumn,
            p.m_imageColumn);
    }
}
