package org.modeconn.engine.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.data.Shuffle;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.TrainingMonitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight matching on every family: the aligned network computes what it computed before (BatchNorm statistics
 * and residual paths permuted with their layers), a permuted copy of the reference is matched back onto it
 * exactly, and the permutation groups follow the layer graph.
 */
class WeightMatcherTest {

    private static final List<String> CLASSES = List.of("a", "b", "c", "d");

    /** "arch" or "arch CxHxW". */
    private static NetworkSpec spec(String text) {
        String[] parts = text.split(" ");
        ImageShape shape = null;
        int features = 9;
        if (parts.length > 1) {
            String[] s = parts[1].split("x");
            shape = new ImageShape(Integer.parseInt(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]));
            features = shape.size();
        }
        return new NetworkSpec(ArchitectureParser.parse(parts[0]), features, shape, CLASSES);
    }

    /** Random parameters, γ, β and the running statistics too, so that a wrongly permuted one shows. */
    private static Network network(NetworkSpec spec, long seed) {
        ParameterLayout layout = ParameterLayouts.layoutOf(spec);
        float[] p = layout.initialise(seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (ParameterBlock b : layout.blocks()) {
            for (int i = (int) b.offset(); i < b.offset() + b.length(); i++) {
                switch (b.kind()) {
                    case BN_GAMMA -> p[i] = (float) (0.5 + random.nextDouble());
                    case BN_BETA, BN_MEAN, BIAS -> p[i] = (float) (random.nextGaussian() * 0.3);
                    case BN_VAR -> p[i] = (float) (0.5 + random.nextDouble());
                    default -> {
                    }
                }
            }
        }
        return new Network(spec, FeatureScaling.none(spec.inputFeatures()), p, null, null);
    }

    private static float[] probabilities(Network n, INDArray features) {
        try (ExecutableNetwork net = ExecutableNetwork.of(n)) {
            return net.predict(features).dup().data().asFloat();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp:24,16", "mlpbn:24,16", "cnn:3,5/7 2x5x5", "vggbn:3,3,M,4,M/5,4 3x8x6",
        "preresnet:8 3x8x8", "preresnet:47 2x8x8", "wrn:10x1 3x8x8", "wrn:16x2,0.3 1x7x7"})
    void theAlignedNetworkPredictsWhatItPredictedBefore(String arch) {
        NetworkSpec spec = spec(arch);
        Network a = network(spec, 1);
        Network b = network(spec, 2);
        Alignment alignment = WeightMatcher.align(a, b, AlignmentSettings.defaults(), TrainingMonitor.NONE);
        Network aligned = alignment.aligned();
        assertThat(aligned.parametersView()).isNotEqualTo(b.parametersView());
        INDArray features = Nd4j.rand(DataType.FLOAT, 7, spec.inputFeatures()).subi(0.5).muli(4);
        float[] before = probabilities(b, features);
        float[] after = probabilities(aligned, features);
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).as("probability %d", i).isCloseTo(before[i], within(2e-5f));
        }
        // Converging within the limit is what these seeds do, not a guarantee; a larger objective is: each step
        // takes the best assignment, which is at least the one it had.
        assertThat(alignment.converged()).isTrue();
        assertThat(alignment.objectiveAfter()).isGreaterThan(alignment.objectiveBefore());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp:24,16", "mlpbn:24,16", "cnn:3,5/7 2x5x5", "preresnet:8 3x8x8", "wrn:10x1 3x8x8"})
    void aPermutedCopyOfTheReferenceIsMatchedBackOntoIt(String arch) {
        NetworkSpec spec = spec(arch);
        Network a = network(spec, 3);
        PermutationSpec permutations = PermutationSpec.of(spec);
        int[][] hidden = permutations.identity();
        SplittableRandom random = new SplittableRandom(9);
        for (int g = 0; g < hidden.length; g++) {
            hidden[g] = Shuffle.permutation(hidden[g].length, random);
        }
        float[] scrambled = permutations.apply(a.parametersView(), hidden);
        assertThat(scrambled).isNotEqualTo(a.parametersView());
        Network b = new Network(spec, a.scaling(), scrambled, scrambled.clone(), null);
        // The first permutations found are exact: the first layer's rows (against the fixed input), biases and
        // BatchNorm vectors of A and B differ only by the hidden order, and each exact match makes the next exact.
        Alignment alignment = WeightMatcher.align(a, b, new AlignmentSettings(50, 7), TrainingMonitor.NONE);
        assertThat(alignment.aligned().parametersView()).isEqualTo(a.parametersView());
        assertThat(alignment.aligned().momentum()).hasValueSatisfying(m -> assertThat(m).isEqualTo(a.parametersView()));
        assertThat(alignment.layers()).allSatisfy(l -> {
            assertThat(l.cosineAfter()).isCloseTo(1, within(1e-9));
            assertThat(l.distanceAfter()).isZero();
        });
    }

    @Test
    void groupsFollowTheLayerGraph() {
        assertThat(PermutationSpec.of(spec("mlp:24,16")).groups()).extracting(PermutationSpec.Group::size)
            .containsExactly(24, 16);
        // preresnet:8 has one block per stage: the stem and stage 1's skip path share a group; each block's first
        // conv has its own; stages 2 and 3 each share one between their projection and their block's last conv.
        List<PermutationSpec.Group> groups = PermutationSpec.of(spec("preresnet:8 3x8x8")).groups();
        assertThat(groups).extracting(PermutationSpec.Group::size).containsExactlyInAnyOrder(16, 16, 32, 32, 64, 64);
        assertThat(groups).filteredOn(g -> g.layers().size() == 2).hasSize(3);
        // The classifier's rows (the classes) are never permuted, its columns are.
        PermutationSpec.BlockAxes output = PermutationSpec.of(spec("mlp:24,16")).blocks().stream()
            .filter(x -> x.block().layer().equals("output") && x.block().name().equals("W")).findFirst().orElseThrow();
        assertThat(output.rowGroup()).isEqualTo(PermutationSpec.FIXED);
        assertThat(output.columnGroup()).isEqualTo(1);
    }

    @Test
    void aDenseLayerOnAnImageMovesWholeChannels() {
        PermutationSpec.BlockAxes dense = PermutationSpec.of(spec("cnn:3,5/7 1x12x12")).blocks().stream()
            .filter(x -> x.block().name().equals("W") && x.inner() > 1 && x.block().layer().startsWith("dense"))
            .findFirst().orElseThrow();
        assertThat(dense.columns()).isEqualTo(5);
        assertThat(dense.inner()).isEqualTo(9);
        assertThat(dense.rows() * dense.columns() * dense.inner()).isEqualTo((int) dense.block().length());
    }

    @Test
    void networksOfDifferentArchitecturesAreRefused() {
        Network a = network(spec("mlp:24,16"), 1);
        Network b = network(spec("mlp:24,8"), 2);
        assertThatThrownBy(() -> WeightMatcher.align(a, b, AlignmentSettings.defaults(), TrainingMonitor.NONE))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("architectures differ");
    }

    @Test
    void aDivergedNetworkIsRefused() {
        Network a = network(spec("mlp:24,16"), 1);
        float[] p = network(spec("mlp:24,16"), 2).parameters();
        p[3] = Float.NaN;
        Network b = new Network(a.spec(), a.scaling(), p, null, null);
        assertThatThrownBy(() -> WeightMatcher.align(a, b, AlignmentSettings.defaults(), TrainingMonitor.NONE))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
    }

    @Test
    void matchingCanBeCancelled() {
        Network a = network(spec("mlp:24,16"), 1);
        Network b = network(spec("mlp:24,16"), 2);
        TrainingMonitor cancelled = new TrainingMonitor() {
            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThatThrownBy(() -> WeightMatcher.align(a, b, AlignmentSettings.defaults(), cancelled))
            .isInstanceOf(OperationCancelledException.class);
    }

    @Test
    void outOfRangeSweepsAreRefused() {
        assertThatThrownBy(() -> new AlignmentSettings(0, 1)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("from 1 to");
    }
}
