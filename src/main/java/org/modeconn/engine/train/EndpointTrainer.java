package org.modeconn.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.Provenance;

/**
 * Trains one network from scratch (an endpoint of the curves to come) with SGD, the chosen schedule set
 * per batch, progress and cancellation checked every batch, and a history per epoch. The same seed on
 * the same data gives bit-identical weights on the CPU.
 */
public final class EndpointTrainer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointTrainer() {
    }

    /**
     * @param architecture the network family and sizes
     * @param train the training data (raw features)
     * @param test test data evaluated after every epoch, or null
     * @param settings epochs, optimiser, schedule, seed
     * @param monitor progress and cancellation
     */
    public static TrainingResult train(ArchitectureSpec architecture, Dataset train, Dataset test,
            TrainingSettings settings, TrainingMonitor monitor) {
        return train(architecture, train, test, settings, settings.epochs(), monitor);
    }

    /**
     * As {@link #train(ArchitectureSpec, Dataset, Dataset, TrainingSettings, TrainingMonitor)}, stopping
     * after epoch {@code stopAfterEpoch} of the schedule; a network stopped early keeps its momentum
     * buffer, so that FGE (or more training) can continue from it as from a checkpoint.
     */
    public static TrainingResult train(ArchitectureSpec architecture, Dataset train, Dataset test,
            TrainingSettings settings, int stopAfterEpoch, TrainingMonitor monitor) {
        Settings.require(stopAfterEpoch >= 1 && stopAfterEpoch <= settings.epochs(),
            "Stopping after epoch " + stopAfterEpoch, "Give an epoch between 1 and the " + settings.epochs()
                + " epochs of the schedule.");
        String backend = ComputeBackend.initialise().describe();
        FeatureScaling scaling = FeatureScaling.fit(train, settings.scaling());
        NetworkSpec spec = new NetworkSpec(architecture, train.numFeatures(), train.imageShape().orElse(null),
            train.classNames());
        Dataset alignedTest = test == null ? null : alignTest(train, test);

        BatchSource trainData = BatchSource.of(train, scaling);
        BatchSource testData = alignedTest == null ? null : BatchSource.of(alignedTest, scaling);
        try (Dl4jNetwork net = Dl4jNetwork.create(spec)) {
            net.setParameters(net.layout().initialise(settings.seed()));
            SgdOptimizer optimizer = new SgdOptimizer(settings.sgd(), net.layout(), net.parameters(), net.gradients());

            EpochLoop loop = new EpochLoop(trainData, settings.batchSize(), settings.epochs(), settings.seed(),
                settings.schedule(), settings.sgd().learningRate(), monitor);
            RunState state = new RunState();
            long start = System.nanoTime();
            List<EpochRecord> history;
            try {
                history = loop.run((batch, lr, epoch, index) -> optimizer.train(net, batch, lr), (epoch, lr, trainLoss, trainError, seconds) -> {
                    Metrics onTest = testData == null ? null : NetworkEvaluator.evaluate(net, testData);
                    EpochRecord record = new EpochRecord(epoch, lr, trainLoss, trainError,
                        onTest == null ? null : onTest.loss(), onTest == null ? null : onTest.errorPercent(), seconds);
                    state.history.add(record);
                    state.lastGood = net.parameterArray();
                    if (epoch == settings.checkpointEpoch()) {
                        float[] momentum = optimizer.velocity().dup().data().asFloat();
                        state.checkpoint = new Network(spec, scaling, state.lastGood.clone(), momentum,
                            provenance(settings, train, alignedTest, backend, epoch, state.history, null, onTest));
                    }
                    return record;
                }, stopAfterEpoch);
            } catch (TrainingDivergedException e) {
                throw e.withLastGood(state.lastGood == null ? null : new Network(spec, scaling, state.lastGood, null,
                    provenance(settings, train, alignedTest, backend, state.history.size(), state.history, null, null)));
            }
            int epochs = history.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            Metrics finalTrain = NetworkEvaluator.evaluate(net, trainData);
            Metrics finalTest = testData == null ? null : NetworkEvaluator.evaluate(net, testData);
            float[] momentum = epochs < settings.epochs() ? optimizer.velocity().dup().data().asFloat() : null;
            Network trained = new Network(spec, scaling, state.lastGood, momentum,
                provenance(settings, train, alignedTest, backend, epochs, history, finalTrain, finalTest));
            return new TrainingResult(trained, Optional.ofNullable(state.checkpoint), List.copyOf(history), finalTrain,
                finalTest, seconds);
        }
    }

    /** What the epoch callbacks keep between epochs. */
    private static final class RunState {
        private final List<EpochRecord> history = new ArrayList<>();
        private float[] lastGood;
        private Network checkpoint;
    }

    /** Checks the test data against the training data and re-indexes its labels into the training classes. */
    static Dataset alignTest(Dataset train, Dataset test) {
        if (!test.featureNames().equals(train.featureNames()) && !train.isPixelData()
            && test.numFeatures() == train.numFeatures()) {
            throw new InvalidInputException("The test data '" + test.name() + "' has other feature columns than the "
                + "training data: " + firstDifference(train.featureNames(), test.featureNames()) + ".",
                "Give test data with the same feature columns, in the same order, as the training data.");
        }
        return NetworkInputs.alignTo(train, test, "test data");
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "column " + (i + 1) + " is '" + b.get(i) + "' instead of '" + a.get(i) + "'";
            }
        }
        return "the columns differ";
    }

    private static Provenance provenance(TrainingSettings settings, Dataset train, Dataset test, String backend,
            int epochs, List<EpochRecord> history, Metrics finalTrain, Metrics finalTest) {
        return new Provenance("train-endpoint", Instant.now().toString(), ToolVersion.VERSION, backend,
            train.toString(), test == null ? null : test.toString(), JSON.valueToTree(settings), settings.seed(),
            epochs, history, finalTrain, finalTest);
    }
}
