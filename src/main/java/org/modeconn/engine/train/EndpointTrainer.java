package org.modeconn.engine.train;

import java.util.ArrayList;
import java.util.List;

import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Metrics;

/**
 * Trains one network from scratch (an endpoint of the curves to come) with SGD, the chosen schedule set
 * per batch, progress and cancellation checked every batch, and a history per epoch. The same seed on
 * the same data gives bit-identical weights on the CPU.
 */
public final class EndpointTrainer {

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
        FeatureScaling scaling = FeatureScaling.fit(train, settings.scaling());
        NetworkSpec spec = new NetworkSpec(architecture, train.numFeatures(), train.imageShape().orElse(null),
            train.classNames(), train.featureNames());
        EpochPlan plan = settings.plan();
        try (TrainingSession session = TrainingSession.open(TrainingSettings.OPERATION, spec, scaling, train, test, plan,
                monitor)) {
            ExecutableNetwork net = session.network();
            net.setParameters(net.layout().initialise(settings.seed()));
            try (SgdOptimizer optimizer = new SgdOptimizer(settings.sgd(), net.layout(), net.parameters(),
                net.gradients())) {
                LastGoodState<float[]> lastGood = new LastGoodState<>(net::parameterArray,
                    params -> new Network(spec, scaling, params, null, session.provenance(settings, null, null)));
                List<Network> checkpoint = new ArrayList<>(1);
                session.evaluateTestEveryEpoch().listen(lastGood).listen(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochRecord record) {
                        if (record.epoch() == settings.checkpointEpoch()) {
                            float[] momentum = optimizer.momentum();
                            Metrics onTest = session.testData().map(t -> new Metrics(record.testLoss(),
                                record.testErrorPercent(), t.size())).orElse(null);
                            checkpoint.add(new Network(spec, scaling, lastGood.latest().orElseThrow().clone(), momentum,
                                session.provenance(settings, null, onTest)));
                        }
                    }
                });
                List<EpochRecord> history = session.run((batch, lr) -> optimizer.train(net, batch, lr), stopAfterEpoch);
                Metrics finalTrain = NetworkEvaluator.evaluate(net, session.trainData());
                Metrics finalTest = session.evaluateTest();
                float[] momentum = history.size() < settings.epochs() ? optimizer.momentum() : null;
                Network trained = new Network(spec, scaling, lastGood.latest().orElseThrow(), momentum,
                    session.provenance(settings, finalTrain, finalTest));
                return new TrainingResult(trained, checkpoint.stream().findFirst(), history, finalTrain, finalTest,
                    session.seconds());
            }
        }
    }
}
