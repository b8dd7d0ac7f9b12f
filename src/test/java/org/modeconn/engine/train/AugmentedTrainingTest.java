package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageAugmenter;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.runtime.ExecutableNetwork;

/** Augmented training: batches as the augmenter draws them, reproducible per seed, never seen by evaluation. */
class AugmentedTrainingTest {

    private static final Augmentation CROP_FLIP = Augmentation.parse("crop-flip");
    private static Dataset train;
    private static FeatureScaling scaling;

    @BeforeAll
    static void data() {
        train = EmbeddedMnist.train().sample(200, 5);
        scaling = FeatureScaling.fit(train, FeatureScaling.Mode.AUTO);
    }

    private static float[] batch(BatchSource source, int[] order, int count, int epoch) {
        return source.gather(order, 0, count, epoch).features().dup().data().asFloat();
    }

    @Test
    void shuffledBatchesAreTheAugmentersCropsOfTheScaledRows() {
        int[] order = {17, 3, 150, 42};
        try (BatchSource plain = BatchSource.of(train, scaling);
                BatchSource augmented = BatchSource.of(train, scaling, CROP_FLIP, 9)) {
            assertThat(plain.augments()).isFalse();
            assertThat(augmented.augments()).isTrue();
            float[] scaled = train.scaledFeatures(scaling);
            ImageAugmenter expected = CROP_FLIP.forImages(train.imageShape().orElseThrow(),
                scaling.blackPerChannel(train.imageShape().orElseThrow()), 9);
            FloatBuffer want = FloatBuffer.allocate(order.length * 784);
            for (int i = 0; i < order.length; i++) {
                expected.apply(FloatBuffer.wrap(scaled), order[i], want, i, 2);
            }
            assertThat(batch(augmented, order, order.length, 2)).isEqualTo(want.array());
            assertThat(batch(augmented, order, order.length, 2)).as("same epoch, same batch")
                .isEqualTo(want.array());
            assertThat(batch(augmented, order, order.length, 3)).as("another epoch").isNotEqualTo(want.array());
            assertThat(batch(augmented, order, order.length, 2)).isNotEqualTo(batch(plain, order, order.length, 2));
        }
    }

    @Test
    void evaluationAndBatchNormRecomputationSeeTheRowsUnaugmented() {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:16"), train.numFeatures(), null,
            train.classNames());
        try (BatchSource plain = BatchSource.of(train, scaling);
                BatchSource augmented = BatchSource.of(train, scaling, CROP_FLIP, 9);
                ExecutableNetwork net = ExecutableNetwork.create(spec)) {
            int[] order = new int[train.numExamples()];
            for (int i = 0; i < order.length; i++) {
                order[i] = order.length - 1 - i;
            }
            augmented.gather(order, 0, 64, 0);
            assertThat(augmented.slice(0, 200).features().dup().data().asFloat())
                .isEqualTo(train.scaledFeatures(scaling));
            net.setParameters(net.layout().initialise(3));
            new BatchNormRecomputer(net).recompute(augmented);
            float[] fromAugmenting = net.parameterArray();
            double lossAugmenting = NetworkEvaluator.evaluate(net, augmented).loss();
            new BatchNormRecomputer(net).recompute(plain);
            assertThat(net.parameterArray()).isEqualTo(fromAugmenting);
            assertThat(NetworkEvaluator.evaluate(net, plain).loss()).isEqualTo(lossAugmenting);
        }
    }

    private static float[] trained(Augmentation augmentation, long seed) {
        TrainingSettings s = new TrainingSettings(2, 32, SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(),
            seed, FeatureScaling.Mode.AUTO, 0, augmentation);
        return EndpointTrainer.train(ArchitectureParser.parse("mlp:16"), train, null, s, TrainingMonitor.NONE)
            .network().parameters();
    }

    @Test
    void augmentedTrainingIsBitIdenticalPerSeed() {
        float[] once = trained(CROP_FLIP, 4);
        assertThat(trained(CROP_FLIP, 4)).isEqualTo(once);
        assertThat(trained(Augmentation.NONE, 4)).isNotEqualTo(once);
        assertThat(trained(Augmentation.parse("flip"), 4)).isNotEqualTo(once);
    }

    @Test
    void differentSeedsDrawDifferentBatches() {
        int[] order = {0, 1, 2, 3, 4, 5, 6, 7};
        try (BatchSource a = BatchSource.of(train, scaling, CROP_FLIP, 1);
                BatchSource b = BatchSource.of(train, scaling, CROP_FLIP, 2)) {
            assertThat(batch(a, order, 8, 0)).isNotEqualTo(batch(b, order, 8, 0));
        }
    }
}
