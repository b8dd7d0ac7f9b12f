package org.modeconn.engine.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.ToolVersion;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.Shuffle;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.record.Provenance;
import org.modeconn.engine.record.RunSettings;

/**
 * The run that endpoint training, curve fitting, FGE and snapshot ensembling share: the backend set up, the
 * data checked against the network and put on the device, the executable network, the epoch loop (a seeded
 * order per epoch, training batches augmented as the plan says, the schedule's rate per batch, cancellation
 * before every batch, a stop at the first non-finite loss with the last good state attached), listeners told
 * of every batch and epoch, and the provenance of what it made. Owns the network and the batch sources: whoever opens it closes it.
 */
public final class TrainingSession implements AutoCloseable {

    /** One optimisation step on one batch at one learning rate. */
    @FunctionalInterface
    public interface BatchStep {
        /** Computes the loss and updates whatever is being optimised. */
        BatchResult apply(BatchSource.Batch batch, double learningRate);
    }

    private final String operation;
    private final ComputeContext context;
    private final NetworkSpec spec;
    private final FeatureScaling scaling;
    private final Dataset train;
    private final Dataset test;
    private final EpochPlan plan;
    private final TrainingMonitor monitor;
    private final BatchSource trainData;
    private final BatchSource testData;
    private final ExecutableNetwork network;
    private final EpochHistory history = new EpochHistory();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean testEveryEpoch;
    private double seconds;
    private final String trainFingerprint;
    private final String testFingerprint;

    private TrainingSession(String operation, NetworkSpec spec, FeatureScaling scaling, Dataset train, Dataset test,
            EpochPlan plan, TrainingMonitor monitor) {
        this.context = ComputeContext.current();
        this.operation = operation;
        this.spec = spec;
        this.scaling = scaling;
        this.plan = plan;
        this.monitor = monitor;
        this.train = NetworkInputs.align(spec, train, "training data");
        this.test = test == null ? null : alignTest(this.train, test);
        listeners.add(history);
        listeners.add(new ProgressListener(monitor));
        BatchSource trainSource = null;
        BatchSource testSource = null;
        try {
            trainSource = BatchSource.of(this.train, scaling, plan.augmentation(), plan.augmentationSeed());
            testSource = this.test == null ? null : BatchSource.of(this.test, scaling);
            this.network = ExecutableNetwork.create(spec);
        } catch (RuntimeException | Error e) {
            closeAll(trainSource, testSource);
            throw e;
        }
        this.trainData = trainSource;
        this.testData = testSource;
        this.trainFingerprint = this.train.fingerprint();
        this.testFingerprint = this.test == null ? null : this.test.fingerprint();
    }

    /**
     * Opens a session on a new network with zero parameters (set them before {@link #run}).
     *
     * @param operation what the run makes, for provenance ("train-endpoint", "fit-curve", ...)
     * @param spec the network
     * @param scaling the network's feature scaling, applied to the data
     * @param train training data (raw features), checked against the network
     * @param test test data checked against the training data, or null
     * @param plan batches, epochs, seed and schedule
     * @param monitor progress and cancellation
     */
    public static TrainingSession open(String operation, NetworkSpec spec, FeatureScaling scaling, Dataset train,
            Dataset test, EpochPlan plan, TrainingMonitor monitor) {
        return new TrainingSession(operation, spec, scaling, train, test, plan, monitor);
    }

    /** Adds a listener, told after those added before it. */
    public TrainingSession listen(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Evaluates the network on the test data after every epoch, into the epoch's record. */
    public TrainingSession evaluateTestEveryEpoch() {
        testEveryEpoch = true;
        return this;
    }

    /** The network being trained, a live view. */
    public ExecutableNetwork network() {
        return network;
    }

    /** The training data on the device. */
    public BatchSource trainData() {
        return trainData;
    }

    /** The test data on the device, if the session has some. */
    public Optional<BatchSource> testData() {
        return Optional.ofNullable(testData);
    }

    /** The plan the session runs. */
    public EpochPlan plan() {
        return plan;
    }

    /** Batches in one epoch. */
    public int batchesPerEpoch() {
        return trainData.batchesPerEpoch(plan.batchSize());
    }

    /** The epochs run so far. */
    public List<EpochRecord> history() {
        return history.records();
    }

    /** Wall-clock seconds of the last {@link #run}. */
    public double seconds() {
        return seconds;
    }

    /** Figures of the network on the test data now, or null without test data. */
    public Metrics evaluateTest() {
        return testData == null ? null : NetworkEvaluator.evaluate(network, testData);
    }

    /**
     * Runs all epochs of the plan.
     *
     * @throws OperationCancelledException when the monitor cancels
     * @throws TrainingDivergedException at the first NaN or infinite loss, carrying the last good state a
     *         listener kept
     */
    public List<EpochRecord> run(BatchStep step) {
        return run(step, plan.epochs());
    }

    /**
     * Runs the first {@code lastEpoch} epochs of the plan (the rates stay those of the whole plan), so that a
     * run can stop early to hand its state on, as FGE's start from epoch 16 of 20 does.
     */
    public List<EpochRecord> run(BatchStep step, int lastEpoch) {
        long started = System.nanoTime();
        int n = trainData.size();
        int batches = batchesPerEpoch();
        int stop = Math.min(lastEpoch, plan.epochs());
        for (int epoch = 0; epoch < stop; epoch++) {
            long epochStart = System.nanoTime();
            int[] order = Shuffle.permutation(n, plan.shuffleSeed(epoch));
            double lossSum = 0;
            long wrong = 0;
            double firstRate = Double.NaN;
            for (int b = 0; b < batches; b++) {
                if (monitor.isCancelled()) {
                    throw new OperationCancelledException("Cancelled at epoch " + (epoch + 1) + ", batch " + (b + 1)
                        + ".");
                }
                double lr = plan.schedule().rate(plan.baseRate(), epoch, b, batches, plan.epochs());
                firstRate = b == 0 ? lr : firstRate;
                int from = b * plan.batchSize();
                int count = Math.min(plan.batchSize(), n - from);
                BatchResult r = step.apply(trainData.gather(order, from, count, epoch), lr);
                if (!Double.isFinite(r.loss())) {
                    throw diverged(new TrainingDivergedException(epoch + 1, b + 1, lr, r.loss(), null));
                }
                lossSum += r.loss() * count;
                wrong += r.errors();
                BatchOutcome outcome = new BatchOutcome(epoch, b, batches, lr, r.loss(), r.errors(),
                    ((double) epoch * batches + b + 1) / ((double) stop * batches));
                for (TrainingListener l : listeners) {
                    l.onBatch(outcome);
                }
            }
            double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
            Metrics onTest = testEveryEpoch ? evaluateTest() : null;
            EpochRecord record = new EpochRecord(epoch + 1, firstRate, lossSum / n, 100.0 * wrong / n,
                onTest == null ? null : onTest.loss(), onTest == null ? null : onTest.errorPercent(), epochSeconds);
            for (TrainingListener l : listeners) {
                l.onEpoch(record);
            }
        }
        seconds = (System.nanoTime() - started) / 1e9;
        return history.records();
    }

    private TrainingDivergedException diverged(TrainingDivergedException e) {
        for (TrainingListener l : listeners) {
            Optional<Object> good = l.lastGood();
            if (good.isPresent()) {
                return e.withLastGood(good.get());
            }
        }
        return e;
    }

    /**
     * The provenance of what the session made, with its history so far.
     *
     * @param settings the operation's settings (of the operation the session was opened for)
     * @param finalTrain figures on the training set at the end, or null
     * @param finalTest figures on the test set at the end, or null
     */
    public Provenance provenance(RunSettings settings, Metrics finalTrain, Metrics finalTest) {
        return new Provenance(operation, Instant.now().toString(), ToolVersion.VERSION, context.describe(), train.toString(),
            test == null ? null : test.toString(), Provenance.store(operation, settings), plan.seed(), history.size(), history.records(),
            finalTrain, finalTest, trainFingerprint, test == null ? null : testFingerprint);
    }

    /** The network spec the session trains. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The feature scaling the data was put on the device with. */
    public FeatureScaling scaling() {
        return scaling;
    }

    /** Frees the network and the data on the device. */
    @Override
    public void close() {
        try {
            network.close();
        } finally {
            closeAll(trainData, testData);
        }
    }

    private static void closeAll(BatchSource a, BatchSource b) {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** Checks the test data's columns against the training data's and re-indexes its labels. */
    private static Dataset alignTest(Dataset train, Dataset test) {
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
}
