package org.modeconn.engine.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jGraphBuilderTest {

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final ImageShape MNIST = new ImageShape(1, 28, 28);

    private static NetworkSpec spec(String arch, ImageShape shape) {
        return new NetworkSpec(ArchitectureParser.parse(arch), shape.size(), shape, DIGITS);
    }

    @Test
    void theBenchmarkNetworksHaveTheDocumentedParameterCounts() {
        assertThat(ParameterLayouts.layoutOf(spec("mlp:512,512", MNIST)).trainableSize()).isEqualTo(669_706);
        assertThat(ParameterLayouts.layoutOf(spec("mlpbn:256,256", MNIST)).trainableSize()).isEqualTo(270_346);
        assertThat(ParameterLayouts.layoutOf(spec("cnn", MNIST)).trainableSize()).isEqualTo(206_922);
    }

    @Test
    void batchNormStatisticsAreSplitFromTrainableParameters() {
        ParameterLayout layout = ParameterLayouts.layoutOf(spec("mlpbn:256,256", MNIST));
        // two BN layers of 256 units: mean and variance each
        assertThat(layout.statisticsSize()).isEqualTo(4 * 256);
        assertThat(layout.size()).isEqualTo(270_346 + 1024);
        assertThat(layout.blocks()).filteredOn(b -> !b.kind().trainable())
            .extracting(ParameterBlock::name).containsExactly("mean", "var", "mean", "var");
        float[] flat = new float[(int) layout.size()];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = i;
        }
        float[] t = layout.trainable(flat);
        float[] s = layout.statistics(flat);
        assertThat(t).hasSize(270_346);
        assertThat(s).hasSize(1024);
        assertThat(layout.merge(t, s)).containsExactly(flat);
        float[] mask = layout.trainableMask();
        for (ParameterBlock b : layout.blocks()) {
            assertThat(mask[(int) b.offset()]).isEqualTo(b.kind().trainable() ? 1f : 0f);
        }
        assertThat(ParameterLayouts.layoutOf(spec("mlp:512,512", MNIST)).hasStatistics()).isFalse();
    }

    @Test
    void initialisationFollowsPyTorchDefaults() {
        ParameterLayout layout = ParameterLayouts.layoutOf(spec("mlpbn:256,256", MNIST));
        float[] p = layout.initialise(3);
        for (ParameterBlock b : layout.blocks()) {
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                float v = p[(int) i];
                switch (b.kind()) {
                    case WEIGHT, BIAS -> assertThat(Math.abs(v)).isLessThanOrEqualTo((float) (1 / Math.sqrt(b.fanIn())));
                    case BN_GAMMA, BN_VAR -> assertThat(v).isEqualTo(1f);
                    default -> assertThat(v).isZero();
                }
            }
        }
        ParameterBlock first = layout.blocks().get(0);
        assertThat(first.fanIn()).isEqualTo(784);
        assertThat(layout.initialise(3)).containsExactly(p);
        assertThat(layout.initialise(4)).isNotEqualTo(p);
    }

    @Test
    void everyFamilyBuildsAndPredictsADistribution() {
        ImageShape small = new ImageShape(3, 16, 16);
        for (String arch : List.of("mlp:32", "mlpbn:16,16", "cnn:4,8/16", "vgg:4,M,8,M/16", "vggbn:4,M/8",
            "preresnet:8", "preresnet:8x2", "preresnet:47")) {
            NetworkSpec spec = spec(arch, small);
            ExecutableNetwork net = ExecutableNetwork.create(spec);
            net.setParameters(net.layout().initialise(1));
            INDArray x = Nd4j.rand(DataType.FLOAT, 5, small.size());
            INDArray p = net.predict(x);
            assertThat(p.shape()).as(arch).containsExactly(5, 10);
            INDArray sums = p.sum(1);
            for (int i = 0; i < 5; i++) {
                assertThat(sums.getDouble(i)).as(arch).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
            }
            assertThat(net.layout().hasStatistics()).as(arch).isEqualTo(spec.architecture().hasBatchNorm());
        }
    }

    @Test
    void theCnnHasTheBenchmarkLayers() {
        ExecutableNetwork net = ExecutableNetwork.create(spec("cnn", MNIST));
        List<String> weights = net.layout().blocks().stream().filter(b -> b.kind() == ParameterKind.WEIGHT)
            .map(b -> b.layer() + ":" + b.length()).toList();
        // conv 1→16 3×3, conv 16→32 3×3, dense 32·7·7→128, dense 128→10
        assertThat(weights).extracting(w -> w.substring(w.indexOf(':') + 1))
            .containsExactly("144", "4608", "200704", "1280");
    }
}
