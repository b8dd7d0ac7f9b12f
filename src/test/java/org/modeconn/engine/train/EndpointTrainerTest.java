package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.record.EpochRecord;

class EndpointTrainerTest {

    private static Dataset train2000;
    private static Dataset test;
    private static Dataset train500;

    @BeforeAll
    static void data() {
        Dataset all = EmbeddedMnist.train();
        train2000 = all.sample(2000, 99);
        train500 = all.sample(500, 5);
        test = EmbeddedMnist.test();
    }

    private static TrainingSettings settings(int epochs, long seed, int checkpoint) {
        return settings(epochs, 128, seed, checkpoint);
    }

    private static TrainingSettings settings(int epochs, int batch, long seed, int checkpoint) {
        return new TrainingSettings(epochs, batch, SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(), seed,
            FeatureScaling.Mode.AUTO, checkpoint);
    }

    /** Batches of 64, not 128: 2,000 images at 128 give too few steps in 20 epochs for this small a set. */
    @Test
    void theBenchmarkMlpLearnsMnistFromTwoThousandImages() {
        AtomicInteger batches = new AtomicInteger();
        TrainingResult r = EndpointTrainer.train(ArchitectureParser.parse("mlp:512,512"), train2000, test,
            settings(20, 64, 1, 16), new TrainingMonitor() {
                @Override
                public void onBatch(double fraction, int epoch, int batch, double loss, double lr) {
                    batches.incrementAndGet();
                }
            });
        assertThat(r.finalTest().errorPercent()).isLessThanOrEqualTo(8.0);
        assertThat(r.finalTrain().errorPercent()).isLessThan(1.0);
        assertThat(batches.get()).isEqualTo(20 * 32);
        assertThat(r.history()).hasSize(20).allMatch(EpochRecord::hasTest);
        assertThat(r.history().get(0).learningRate()).isEqualTo(0.05);
        assertThat(r.history().get(19).learningRate()).isEqualTo(0.0005, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(r.history().get(19).trainLoss()).isLessThan(r.history().get(0).trainLoss());
        assertThat(r.network().provenance()).hasValueSatisfying(p -> {
            assertThat(p.seed()).isEqualTo(1);
            assertThat(p.epochsCompleted()).isEqualTo(20);
            assertThat(p.backend()).contains("CPU");
            assertThat(p.finalTest().errorPercent()).isEqualTo(r.finalTest().errorPercent());
        });
        assertThat(r.checkpoint()).hasValueSatisfying(c -> {
            assertThat(c.momentum()).isPresent();
            assertThat(c.provenance().orElseThrow().epochsCompleted()).isEqualTo(16);
            assertThat(c.parametersView()).isNotEqualTo(r.network().parametersView());
        });
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        var arch = ArchitectureParser.parse("mlpbn:64,64");
        var first = EndpointTrainer.train(arch, train500, null, settings(2, 7, 0), TrainingMonitor.NONE).network();
        String a = NetworkFile.weightsSha256(first);
        // The provenance carries the data's fingerprint, so that "same seed, same data" is checkable from files.
        assertThat(first.provenance().orElseThrow().trainDataSha256()).isEqualTo(train500.fingerprint());
        String b = NetworkFile.weightsSha256(EndpointTrainer.train(arch, train500, null, settings(2, 7, 0),
            TrainingMonitor.NONE).network());
        String c = NetworkFile.weightsSha256(EndpointTrainer.train(arch, train500, null, settings(2, 8, 0),
            TrainingMonitor.NONE).network());
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void aCnnTrainsOnImages() {
        TrainingSettings constant = new TrainingSettings(3, 32, SgdSettings.BENCHMARK,
            new LearningRateSchedule.Constant(), 1, FeatureScaling.Mode.AUTO, 0);
        TrainingResult r = EndpointTrainer.train(ArchitectureParser.parse("cnn:4,8/32"), train2000.head(1000),
            test.head(500), constant, TrainingMonitor.NONE);
        assertThat(r.finalTest().errorPercent()).isLessThan(40.0);
    }

    @Test
    void cancellationStopsBeforeTheNextBatch() {
        AtomicInteger seen = new AtomicInteger();
        TrainingMonitor cancelAfterThree = new TrainingMonitor() {
            @Override
            public void onBatch(double fraction, int epoch, int batch, double loss, double lr) {
                seen.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return seen.get() >= 3;
            }
        };
        assertThatThrownBy(() -> EndpointTrainer.train(ArchitectureParser.parse("mlp:16"), train500, null,
            settings(5, 1, 0), cancelAfterThree)).isInstanceOf(OperationCancelledException.class)
            .hasMessageContaining("epoch 1, batch 4");
        assertThat(seen.get()).isEqualTo(3);
    }

    @Test
    void aDivergingLearningRateStopsAtTheFirstBadLossAndKeepsTheLastGoodEpoch() {
        // η·λ = 1e6 multiplies the weights by about −1e6 a step: float32 overflows in the second epoch
        TrainingSettings wild = new TrainingSettings(4, 128, new SgdSettings(1e6, 0, false, 1.0),
            new LearningRateSchedule.Constant(), 1, FeatureScaling.Mode.AUTO, 0);
        assertThatThrownBy(() -> EndpointTrainer.train(ArchitectureParser.parse("mlp:16"), train500, null, wild,
            TrainingMonitor.NONE)).isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                assertThat(e.getMessage()).contains("diverged").contains("at epoch 2, batch")
                    .contains("learning rate 1000000.0").contains("Lower the learning rate");
                assertThat(e.lastGood()).hasValueSatisfying(n -> {
                    for (float v : n.parametersView()) {
                        assertThat(v).isFinite();
                    }
                });
            });
    }

    @Test
    void testDataWithOtherColumnsOrUnseenClassesIsRefused() {
        Dataset wrongWidth = new Dataset("w", new float[] {1, 2, 3, 4}, 2, new int[] {0, 1}, List.of("a", "b"),
            List.of("0", "1"), null, false);
        assertThatThrownBy(() -> EndpointTrainer.train(ArchitectureParser.parse("mlp:16"), train500, wrongWidth,
            settings(1, 1, 0), TrainingMonitor.NONE)).hasMessageContaining("has 2 features")
            .hasMessageContaining("784");
    }
}
