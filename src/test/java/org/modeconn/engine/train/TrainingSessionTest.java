package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.record.EpochRecord;

class TrainingSessionTest {

    private static Dataset train;
    private static Dataset test;
    private static NetworkSpec spec;
    private static FeatureScaling scaling;

    @BeforeAll
    static void data() {
        train = EmbeddedMnist.train().sample(300, 3);
        test = EmbeddedMnist.test().sample(100, 4);
        spec = new NetworkSpec(ArchitectureParser.parse("mlp:16"), train.numFeatures(), null, train.classNames());
        scaling = FeatureScaling.fit(train, FeatureScaling.Mode.AUTO);
    }

    private static EpochPlan plan(int epochs) {
        return new EpochPlan(64, epochs, 7, new LearningRateSchedule.Reference(), 0.05);
    }

    private static TrainingSession open(int epochs, TrainingMonitor monitor) {
        TrainingSession s = TrainingSession.open("test", spec, scaling, train, test, plan(epochs), monitor);
        s.network().setParameters(s.network().layout().initialise(1));
        return s;
    }

    /** Records what the session tells its listeners. */
    private static final class Recorder implements TrainingListener {
        final List<BatchOutcome> batches = new ArrayList<>();
        final List<EpochRecord> epochs = new ArrayList<>();

        @Override
        public void onBatch(BatchOutcome batch) {
            batches.add(batch);
        }

        @Override
        public void onEpoch(EpochRecord record) {
            epochs.add(record);
        }
    }

    private static BatchResult sgdStep(TrainingSession s, SgdOptimizer optimizer, BatchSource.Batch batch,
            double lr) {
        return optimizer.train(s.network(), batch, lr);
    }

    @Test
    void listenersHearEveryBatchAndEpochInOrderWithTheSchedulesRates() {
        List<double[]> progress = new ArrayList<>();
        TrainingMonitor monitor = new TrainingMonitor() {
            @Override
            public void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
                progress.add(new double[] {fraction, epoch, batch});
            }
        };
        Recorder recorder = new Recorder();
        try (TrainingSession s = open(3, monitor);
            SgdOptimizer optimizer = new SgdOptimizer(SgdSettings.BENCHMARK, s.network().layout(),
                s.network().parameters(), s.network().gradients())) {
            List<EpochRecord> history = s.evaluateTestEveryEpoch().listen(recorder)
                .run((batch, lr) -> sgdStep(s, optimizer, batch, lr));
            int perEpoch = s.batchesPerEpoch();
            assertThat(perEpoch).isEqualTo(5);
            assertThat(recorder.batches).hasSize(3 * perEpoch);
            for (int i = 0; i < recorder.batches.size(); i++) {
                assertThat(recorder.batches.get(i).iteration()).isEqualTo(i + 1);
            }
            assertThat(recorder.batches.get(recorder.batches.size() - 1).progress()).isEqualTo(1.0);
            assertThat(progress).hasSize(3 * perEpoch);
            assertThat(progress.get(perEpoch)[1]).isEqualTo(2);
            assertThat(history).isEqualTo(recorder.epochs).isEqualTo(s.history()).hasSize(3)
                .allMatch(EpochRecord::hasTest);
            LearningRateSchedule reference = new LearningRateSchedule.Reference();
            for (EpochRecord r : history) {
                assertThat(r.learningRate()).isEqualTo(reference.rate(0.05, r.epoch() - 1, 0, perEpoch, 3));
            }
            assertThat(s.seconds()).isPositive();
        }
    }

    @Test
    void theSamePlanVisitsTheExamplesInTheSameOrderAndEachEpochInAnother() {
        List<int[]> first = labelsSeen();
        List<int[]> second = labelsSeen();
        assertThat(first).hasSize(second.size());
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i)).isEqualTo(second.get(i));
        }
        int perEpoch = first.size() / 2;
        assertThat(first.get(0)).isNotEqualTo(first.get(perEpoch));
    }

    private static List<int[]> labelsSeen() {
        List<int[]> seen = new ArrayList<>();
        try (TrainingSession s = open(2, TrainingMonitor.NONE)) {
            s.run((batch, lr) -> {
                seen.add(batch.labels().clone());
                return new BatchResult(1.0, 0);
            });
        }
        return seen;
    }

    @Test
    void aNonFiniteLossStopsTheRunWithTheStateOfTheLastCompletedEpoch() {
        try (TrainingSession s = open(3, TrainingMonitor.NONE)) {
            int perEpoch = s.batchesPerEpoch();
            int[] steps = {0};
            LastGoodState<Integer> lastGood = new LastGoodState<>(() -> steps[0], n -> "after " + n + " steps");
            s.listen(lastGood);
            assertThatThrownBy(() -> s.run((batch, lr) -> {
                steps[0]++;
                return new BatchResult(steps[0] == perEpoch + 2 ? Double.NaN : 0.5, 1);
            })).isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                assertThat(e.getMessage()).contains("epoch 2, batch 2");
                assertThat(e.lastGood(String.class)).contains("after " + perEpoch + " steps");
            });
            assertThat(s.history()).hasSize(1);
        }
    }

    @Test
    void aCancelStopsBeforeTheNextBatch() {
        int[] steps = {0};
        TrainingMonitor cancelAfterThree = new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return steps[0] == 3;
            }
        };
        try (TrainingSession s = open(2, cancelAfterThree)) {
            assertThatThrownBy(() -> s.run((batch, lr) -> {
                steps[0]++;
                return new BatchResult(0.5, 0);
            })).isInstanceOf(OperationCancelledException.class).hasMessageContaining("epoch 1, batch 4");
            assertThat(steps[0]).isEqualTo(3);
        }
    }

    @Test
    void testDataWithOtherColumnsIsRefusedNamingTheFirstDifference() {
        Dataset columns = new Dataset("columns", train.rawFeatures(), train.numFeatures(), train.labels(),
            train.featureNames(), train.classNames(), null, false);
        Dataset renamed = new Dataset("renamed", test.rawFeatures(), test.numFeatures(), test.labels(),
            renamedFirst(test.featureNames()), test.classNames(), null, false);
        assertThatThrownBy(() -> TrainingSession.open("test", spec, scaling, columns, renamed, plan(1),
            TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class).hasMessageContaining("column 1 is 'renamed'");
    }

    private static List<String> renamedFirst(List<String> names) {
        List<String> out = new ArrayList<>(names);
        out.set(0, "renamed");
        return out;
    }

    @Test
    void aPlanOutOfRangeIsRefusedWithItsFix() {
        assertThatThrownBy(() -> new EpochPlan(0, 1, 1, new LearningRateSchedule.Reference(), 0.1))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("batch size");
        assertThatThrownBy(() -> new EpochPlan(8, 1, 1, new LearningRateSchedule.Reference(), Double.NaN))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("learning rate");
    }
}
