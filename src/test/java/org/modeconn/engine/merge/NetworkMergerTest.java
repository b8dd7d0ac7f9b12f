package org.modeconn.engine.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.align.PermutationSpec;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;

/**
 * Merging aligns before it averages (a permuted copy merges back into the network itself; two networks of different
 * seeds merge into one far better than their plain average), a greedy merge leaves out a member that would raise
 * the held-out error, and BatchNorm statistics are those of the merged weights.
 */
class NetworkMergerTest {

    private static Dataset train;
    private static Dataset heldOut;
    private static Network a;
    private static Network b;

    @BeforeAll
    static void trainTwo() {
        train = EmbeddedMnist.train().head(1500);
        heldOut = EmbeddedMnist.test().head(500);
        a = train("mlp:48", 1);
        b = train("mlp:48", 2);
    }

    private static Network train(String arch, long seed) {
        TrainingSettings s = new TrainingSettings(5, 32, new SgdSettings(0.05, 0.9, false, 5e-4),
            new LearningRateSchedule.Reference(), seed, FeatureScaling.Mode.AUTO, 0);
        return EndpointTrainer.train(ArchitectureParser.parse(arch), train, null, s, 1, TrainingMonitor.NONE)
            .network();
    }

    private static Metrics heldOut(Network n) {
        try (ExecutableNetwork net = ExecutableNetwork.of(n); BatchSource s = BatchSource.of(heldOut, n.scaling())) {
            return NetworkEvaluator.evaluate(net, s);
        }
    }

    private static Network permuted(Network n, long seed) {
        PermutationSpec spec = PermutationSpec.of(n.spec());
        int[][] perms = spec.identity();
        SplittableRandom random = new SplittableRandom(seed);
        for (int[] p : perms) {
            for (int i = p.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        }
        return new Network(n.spec(), n.scaling(), spec.apply(n.parametersView(), perms), null, null);
    }

    @Test
    void aPermutedCopyMergesBackIntoTheNetworkItself() {
        Network copy = permuted(a, 7);
        assertThat(copy.parametersView()).isNotEqualTo(a.parametersView());
        MergeResult r = NetworkMerger.merge(List.of(a, copy), train, null, MergeSettings.of(false),
            TrainingMonitor.NONE);
        assertThat(r.merged().parametersView()).containsExactly(a.parametersView());
        assertThat(r.includedCount()).isEqualTo(2);
    }

    @Test
    void alignedAveragingBeatsThePlainAverage() {
        Network merged = NetworkMerger.merge(List.of(a, b), train, heldOut, MergeSettings.of(false),
            TrainingMonitor.NONE).merged();
        float[] plain = new float[a.parametersView().length];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (a.parametersView()[i] + b.parametersView()[i]) / 2;
        }
        double mergedError = heldOut(merged).errorPercent();
        double plainError = heldOut(new Network(a.spec(), a.scaling(), plain, null, null)).errorPercent();
        double worstMember = Math.max(heldOut(a).errorPercent(), heldOut(b).errorPercent());
        assertThat(mergedError).as("merged vs plain average " + plainError).isLessThan(plainError);
        assertThat(mergedError).isLessThan(worstMember + 5);
        assertThat(merged.provenance().orElseThrow().operation()).isEqualTo(MergeSettings.OPERATION);
    }

    @Test
    void aGreedyMergeLeavesOutAMemberThatRaisesTheHeldOutError() {
        Network untrained = new Network(a.spec(), a.scaling(), ParameterLayouts.layoutOf(a.spec()).initialise(3), null,
            null);
        MergeResult greedy = NetworkMerger.merge(List.of(a, b, untrained), train, heldOut, MergeSettings.of(true),
            TrainingMonitor.NONE);
        assertThat(greedy.members().get(2).included()).isFalse();
        assertThat(greedy.members().get(0).heldOut()).isNotNull();
        MergeResult uniform = NetworkMerger.merge(List.of(a, b, untrained), train, heldOut, MergeSettings.of(false),
            TrainingMonitor.NONE);
        assertThat(uniform.includedCount()).isEqualTo(3);
        assertThat(greedy.mergedHeldOut().errorPercent()).isLessThanOrEqualTo(uniform.mergedHeldOut().errorPercent());
        assertThat(greedy.mergedHeldOut().errorPercent()).isEqualTo(heldOut(greedy.merged()).errorPercent());
    }

    @Test
    void batchNormStatisticsAreThoseOfTheMergedWeights() {
        Network x = train("mlpbn:24", 1);
        Network y = train("mlpbn:24", 2);
        Network merged = NetworkMerger.merge(List.of(x, y), train, null, MergeSettings.of(false), TrainingMonitor.NONE)
            .merged();
        try (ExecutableNetwork net = ExecutableNetwork.of(merged); BatchSource s = BatchSource.of(train, x.scaling())) {
            new org.modeconn.engine.train.BatchNormRecomputer(net).recompute(s);
            assertThat(net.parameterArray()).containsExactly(merged.parametersView());
        }
    }

    @Test
    void repairLowersTheHeldOutLossOfTheAverageOfNetworksWithoutBatchNorm() {
        MergeResult plain = NetworkMerger.merge(List.of(a, b), train, heldOut, MergeSettings.of(false),
            TrainingMonitor.NONE);
        MergeResult repaired = NetworkMerger.merge(List.of(a, b), train, heldOut,
            new MergeSettings(false, true, org.modeconn.engine.align.AlignmentSettings.defaults()), TrainingMonitor.NONE);
        assertThat(repaired.mergedHeldOut().loss()).isLessThan(plain.mergedHeldOut().loss());
        Network bn = train("mlpbn:24", 1);
        assertThatThrownBy(() -> NetworkMerger.merge(List.of(bn, bn), train, null,
            new MergeSettings(false, true, org.modeconn.engine.align.AlignmentSettings.defaults()), TrainingMonitor.NONE))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("REPAIR");
    }

    @Test
    void refusesWhatCannotBeMerged() {
        assertThatThrownBy(() -> NetworkMerger.merge(List.of(a), train, null, MergeSettings.of(false),
            TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class).hasMessageContaining("at least two");
        assertThatThrownBy(() -> NetworkMerger.merge(List.of(a, b), train, null, MergeSettings.of(true),
            TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class).hasMessageContaining("held-out");
        Network other = train("mlp:16", 1);
        assertThatThrownBy(() -> NetworkMerger.merge(List.of(a, other), train, null, MergeSettings.of(false),
            TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class);
    }
}
