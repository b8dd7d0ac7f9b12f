package org.modeconn.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.runtime.Dl4jGraphBuilder;

class NetworkLayersTest {

    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    private static NetworkSpec spec(String arch, ImageShape shape) {
        return new NetworkSpec(ArchitectureParser.parse(arch), shape.size(), shape, NetworkSpecTest.DIGITS);
    }

    @Test
    void theLayoutDerivedFromTheLayerListIsDeeplearning4jsForEveryFamily() {
        ImageShape small = new ImageShape(3, 16, 16);
        for (String arch : List.of("mlp:32,16", "mlpbn:16,16", "cnn:4,8/16", "cnn:4/8/k5", "vgg:4,M,8,M/16",
            "vggbn:4,4,M,8,M/16,8/d0.5", "preresnet:8", "preresnet:14x2", "preresnet:47", "wrn:10x1",
            "wrn:16x2,0.3")) {
            NetworkSpec spec = spec(arch, small);
            ParameterLayout derived = ParameterLayout.of(spec.layers());
            ParameterLayout dl4j = Dl4jGraphBuilder.layoutOf(Dl4jGraphBuilder.build(spec));
            assertThat(derived.blocks()).as(arch).isEqualTo(dl4j.blocks());
        }
    }

    @Test
    void thePapersNetworksHaveTheReferencesParameterCounts() {
        assertThat(ParameterLayouts.layoutOf(spec("vgg16", CIFAR)).trainableSize()).isEqualTo(15_245_130);
        assertThat(ParameterLayouts.layoutOf(spec("preresnet:110", CIFAR)).trainableSize()).isEqualTo(1_146_842);
        assertThat(ParameterLayouts.layoutOf(spec("wrn:28x10", CIFAR)).trainableSize()).isEqualTo(36_489_290);
    }

    @Test
    void theWideResNetBlockHasDropoutBetweenItsConvsAndTheStrideOnTheSecond() {
        NetworkLayers layers = spec("wrn:10x2,0.3", CIFAR).layers();
        List<String> kinds = layers.nodes().stream().map(n -> n.op().kind()).toList();
        // stem, then the first block: BN, ReLU, conv, dropout, BN, ReLU, conv, shortcut conv, add
        assertThat(kinds.subList(0, 10)).containsExactly("conv", "bn", "relu", "conv", "drop", "bn", "relu", "conv",
            "conv", "add");
        // stage 2 starts at node 10: BN, ReLU, conv (stride 1), dropout, BN, ReLU, conv (stride 2)
        assertThat(((LayerOp.Conv) layers.nodes().get(12).op()).strideH()).isEqualTo(1);
        assertThat(((LayerOp.Conv) layers.nodes().get(16).op()).strideH()).isEqualTo(2);
        assertThat(layers.nodes().get(16).output().height()).isEqualTo(16);
        assertThat(layers.output().input().channels()).isEqualTo(128);
    }

    @Test
    void theReferenceVggHasDropoutBeforeEachDenseLayer() {
        List<String> kinds = spec("vgg16", CIFAR).layers().nodes().stream().map(n -> n.op().kind()).toList();
        assertThat(kinds.subList(kinds.size() - 7, kinds.size())).containsExactly("drop", "dense", "relu", "drop",
            "dense", "relu", "output");
        assertThat(spec("vgg:8,M/16", CIFAR).layers().nodes()).noneMatch(n -> n.op() instanceof LayerOp.Dropout);
    }

    @Test
    void everyTextFormReadsBackFromItsDescription() {
        for (String arch : List.of("mlp:512,512", "mlpbn:256", "cnn", "cnn:8/16/k5", "vgg16", "vgg16bn", "vgg19",
            "vgg19bn", "vgg:16,M,32,M/64", "vggbn:16,M/64/d0.25", "preresnet:110", "preresnet:20x4", "wrn:28x10",
            "wrn:16x4,0.3")) {
            ArchitectureSpec spec = ArchitectureParser.parse(arch);
            assertThat(ArchitectureParser.parse(spec.describe())).as(arch).isEqualTo(spec);
        }
        assertThat(ArchitectureParser.parse("vgg16").describe()).isEqualTo("vgg16");
        assertThat(ArchitectureParser.parse("wrn:28x10")).isEqualTo(new WideResNetSpec(28, 10, 0));
    }

    @Test
    void anArchitectureThatCannotBeBuiltIsRefusedWithTheRuleAndAnExample() {
        assertThatThrownBy(() -> ArchitectureParser.parse("wrn:27x10")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("6n+4").hasMessageContaining("wrn:28x10");
        assertThatThrownBy(() -> ArchitectureParser.parse("wrn:28")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("wrn:DEPTHxWIDEN");
        assertThatThrownBy(() -> ArchitectureParser.parse("wrn:28x10,1.5")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("dropout");
        // five 2×2 pools take 16×16 below 1×1
        assertThatThrownBy(() -> spec("vgg16", new ImageShape(3, 16, 16))).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("at least 1×1").hasMessageContaining("vgg:64,M,128,M/512");
        assertThat(spec("vgg16", CIFAR).layers().nodes()).isNotEmpty();
    }
}
