package org.modeconn.engine.network.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A point of a family evaluated through the shared first layer gives what the same point gives with its
 * parameters set directly: predictions and BatchNorm inputs, on slices of the shared data; data it does
 * not hold and training steps go the usual way.
 */
class SharedFirstLayerTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");

    @ParameterizedTest
    @ValueSource(strings = {"mlp:16,8", "mlpbn:12,6"})
    void combinationsThroughTheSharedLayerMatchDirectParameters(String arch) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), 10, null, CLASSES);
        ParameterLayout layout = ParameterLayouts.layoutOf(spec);
        List<float[]> basis = List.of(layout.initialise(1), layout.initialise(2), layout.initialise(3));
        for (float[] b : basis) {
            for (ParameterBlock blk : layout.blocks()) {
                if (blk.kind() == ParameterKind.BN_VAR) {
                    java.util.Arrays.fill(b, (int) blk.offset(), (int) (blk.offset() + blk.length()), 1f);
                }
            }
        }
        Nd4j.getRandom().setSeed(9);
        INDArray train = Nd4j.rand(DataType.FLOAT, 40, 10);
        INDArray test = Nd4j.rand(DataType.FLOAT, 25, 10);
        Optional<SharedFirstLayer> shared = SharedFirstLayer.of(spec, basis, List.of(train, test),
            ComputeContext.current().kernels());
        assertThat(shared).isPresent();
        ExecutableNetwork viaShared = ExecutableNetwork.create(spec);
        ExecutableNetwork direct = ExecutableNetwork.create(spec);
        double[] c = {0.25, -0.5, 1.25};
        viaShared.setCombination(shared.get(), c);
        direct.setParameters(shared.get().combine(c));
        assertThat(viaShared.parameterArray()).containsExactly(direct.parameterArray());
        for (INDArray slice : List.of(train.get(NDArrayIndex.interval(8, 24), NDArrayIndex.all()),
            test.get(NDArrayIndex.interval(0, 25), NDArrayIndex.all()), test.get(NDArrayIndex.interval(24, 25),
                NDArrayIndex.all()), train.dup())) {
            assertThat(viaShared.predict(slice).data().asFloat())
                .containsExactly(direct.predict(slice).data().asFloat(), within(2e-6f));
            if (spec.architecture().hasBatchNorm()) {
                String dense = layout.blocks().get(0).layer();
                assertThat(viaShared.trainingActivations(List.of(dense), slice)[0].data().asFloat())
                    .containsExactly(direct.trainingActivations(List.of(dense), slice)[0].data().asFloat(),
                        within(2e-5f));
            }
        }
        // slices of the shared matrices take the shared products; a copy of the same values does not
        int units = (int) layout.blocks().get(1).length();
        float[] into = new float[25 * units];
        assertThat(shared.get().preActivations(train.get(NDArrayIndex.interval(8, 24), NDArrayIndex.all()), c, into))
            .isTrue();
        assertThat(shared.get().preActivations(test.get(NDArrayIndex.interval(24, 25), NDArrayIndex.all()), c, into))
            .isTrue();
        assertThat(shared.get().preActivations(train.get(NDArrayIndex.interval(0, 20), NDArrayIndex.all()).dup(), c,
            into)).isFalse();
        // Setting parameters directly ends the sharing: the first layer follows the new weights.
        viaShared.setParameters(basis.get(1));
        direct.setParameters(basis.get(1));
        INDArray rows = train.get(NDArrayIndex.interval(0, 5), NDArrayIndex.all());
        assertThat(viaShared.predict(rows).data().asFloat()).containsExactly(direct.predict(rows).data().asFloat());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp:", "cnn:2/3"})
    void networksWithoutAHiddenDenseFirstLayerDoNotShare(String arch) {
        NetworkSpec spec = arch.startsWith("cnn")
            ? new NetworkSpec(ArchitectureParser.parse(arch), 16, new org.modeconn.engine.data.ImageShape(1, 4, 4),
                CLASSES)
            : new NetworkSpec(ArchitectureParser.parse(arch), 10, null, CLASSES);
        float[] p = ParameterLayouts.layoutOf(spec).initialise(1);
        assertThat(SharedFirstLayer.of(spec, List.of(p), List.of(Nd4j.rand(DataType.FLOAT, 4, spec.inputFeatures())),
            ComputeContext.current().kernels()))
            .isEmpty();
    }
}
