package org.modeconn.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.Shuffle;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.network.Network;
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
        String backend = ComputeBackend.initialise().describe();
        FeatureScaling scaling = FeatureScaling.fit(train, settings.scaling());
        NetworkSpec spec = new NetworkSpec(architecture, train.numFeatures(), train.imageShape().orElse(null),
            train.classNames());
        Dataset alignedTest = test == null ? null : alignTest(train, test);

        BatchSource trainData = BatchSource.of(train, scaling);
        BatchSource testData = alignedTest == null ? null : BatchSource.of(alignedTest, scaling);
        Dl4jNetwork net = Dl4jNetwork.create(spec);
        net.setParameters(net.layout().initialise(settings.seed()));
        SgdOptimizer optimizer = new SgdOptimizer(settings.sgd(), net.layout(), net.parameters(), net.gradients());

        int n = trainData.size();
        int batchSize = settings.batchSize();
        int batches = trainData.batchesPerEpoch(batchSize);
        int epochs = settings.epochs();
        List<EpochRecord> history = new ArrayList<>();
        Network checkpoint = null;
        float[] lastGood = null;
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long epochStart = System.nanoTime();
            int[] order = Shuffle.permutation(n, epochSeed(settings.seed(), epoch));
            double lossSum = 0;
            long wrong = 0;
            double firstRate = Double.NaN;
            for (int b = 0; b < batches; b++) {
                if (monitor.isCancelled()) {
                    throw new OperationCancelledException("Training cancelled at epoch " + (epoch + 1) + ", batch "
                        + (b + 1) + ".");
                }
                double lr = settings.schedule().rate(settings.sgd().learningRate(), epoch, b, batches, epochs);
                if (b == 0) {
                    firstRate = lr;
                }
                int from = b * batchSize;
                int count = Math.min(batchSize, n - from);
                BatchSource.Batch batch = trainData.gather(order, from, count);
                Dl4jNetwork.BatchResult r = net.computeGradient(batch.features(), batch.oneHot(), batch.labels());
                if (!Double.isFinite(r.loss())) {
                    Network good = lastGood == null ? null : new Network(spec, scaling, lastGood, null, null);
                    throw new TrainingDivergedException(epoch + 1, b + 1, lr, r.loss(), good);
                }
                optimizer.step(lr);
                lossSum += r.loss() * count;
                wrong += r.errors();
                monitor.onBatch(((double) epoch * batches + b + 1) / ((double) epochs * batches), epoch + 1, b + 1,
                    r.loss(), lr);
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            Metrics testMetrics = testData == null ? null : NetworkEvaluator.evaluate(net, testData);
            EpochRecord record = new EpochRecord(epoch + 1, firstRate, lossSum / n, 100.0 * wrong / n,
                testMetrics == null ? null : testMetrics.loss(), testMetrics == null ? null : testMetrics.errorPercent(),
                seconds);
            history.add(record);
            monitor.onEpoch(record);
            lastGood = net.parameterArray();
            if (epoch + 1 == settings.checkpointEpoch()) {
                float[] momentum = optimizer.velocity().dup().data().asFloat();
                checkpoint = new Network(spec, scaling, lastGood.clone(), momentum,
                    provenance(settings, train, alignedTest, backend, epoch + 1, history, null, testMetrics));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Metrics finalTrain = NetworkEvaluator.evaluate(net, trainData);
        Metrics finalTest = testData == null ? null : NetworkEvaluator.evaluate(net, testData);
        Network trained = new Network(spec, scaling, lastGood, null,
            provenance(settings, train, alignedTest, backend, epochs, history, finalTrain, finalTest));
        return new TrainingResult(trained, Optional.ofNullable(checkpoint), List.copyOf(history), finalTrain,
            finalTest, seconds);
    }

    /** Checks the test data against the training data and re-indexes its labels into the training classes. */
    static Dataset alignTest(Dataset train, Dataset test) {
        if (test.numFeatures() != train.numFeatures()) {
            throw new InvalidInputException("The test data '" + test.name() + "' has " + test.numFeatures()
                + " features but the training data '" + train.name() + "' has " + train.numFeatures() + ".",
                "Give test data with the same feature columns as the training data.");
        }
        if (!test.featureNames().equals(train.featureNames()) && !train.isPixelData()) {
            throw new InvalidInputException("The test data '" + test.name() + "' has other feature columns than the "
                + "training data: " + firstDifference(train.featureNames(), test.featureNames()) + ".",
                "Give test data with the same feature columns, in the same order, as the training data.");
        }
        Dataset aligned = test.alignClasses(train.classNames());
        return train.imageShape().isPresent() && aligned.imageShape().isEmpty()
            ? aligned.withImageShape(train.imageShape().get()) : aligned;
    }

    private static String firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "column " + (i + 1) + " is '" + b.get(i) + "' instead of '" + a.get(i) + "'";
            }
        }
        return "the columns differ";
    }

    /** The seed of one epoch's shuffle: distinct per epoch, fixed by the run's seed. */
    static long epochSeed(long seed, int epoch) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1;
    }

    private static Provenance provenance(TrainingSettings settings, Dataset train, Dataset test, String backend,
            int epochs, List<EpochRecord> history, Metrics finalTrain, Metrics finalTest) {
        return new Provenance("train-endpoint", Instant.now().toString(), ToolVersion.VERSION, backend,
            train.toString(), test == null ? null : test.toString(), JSON.valueToTree(settings), settings.seed(),
            epochs, history, finalTrain, finalTest);
    }
}
