package org.modeconn.engine.network.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.data.ImageShape;

class StepFlopsTest {

    @Test
    void countsProductsOnlyAndNoInputGradientForTheFirstLayer() {
        NetworkLayers.Builder b = NetworkLayers.builder(TensorShape.image(3, 8, 8), "test");
        b.conv(4, 3, 1, 1, false);
        b.batchNorm();
        b.relu();
        b.conv(4, 3, 2, 1, true);
        NetworkLayers layers = b.softmaxOutput(10);

        StepFlops flops = StepFlops.of(layers);

        // conv 3→4 on 8×8: 3·9 per output × 4·8·8 outputs; conv 4→4 stride 2: 4·9 × 4·4·4; dense 64 → 10
        long first = 3 * 9 * 4 * 64;
        long second = 4 * 9 * 4 * 16;
        long dense = 64 * 10;
        assertThat(flops.forward()).isEqualTo(2 * (first + second + dense));
        assertThat(flops.weightGradients()).isEqualTo(flops.forward());
        assertThat(flops.inputGradients()).isEqualTo(2 * (second + dense));
        assertThat(flops.perStep(128)).isEqualTo(128.0 * (flops.forward() * 2 + flops.inputGradients()));
    }

    @Test
    void wideResNetCountsTheReferenceLayout() {
        // WRN-28-10 as the reference implementation builds it: four blocks a stage, the stage's stride on a
        // block's second convolution, 1×1 projections where the shape changes, biases not counted
        long macs = 3L * 9 * 16 * 32 * 32;
        int[] widths = {160, 320, 640};
        int in = 16;
        int side = 32;
        for (int stage = 0; stage < 3; stage++) {
            int w = widths[stage];
            int out = stage == 0 ? side : side / 2;
            macs += (long) in * 9 * w * side * side;
            macs += (long) w * 9 * w * out * out;
            macs += (long) in * w * out * out;
            macs += 3L * 2 * w * 9 * w * out * out;
            in = w;
            side = out;
        }
        macs += 640L * 10;
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("wrn:28x10"), 3 * 32 * 32,
            new ImageShape(3, 32, 32), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

        StepFlops flops = StepFlops.of(spec.layers());

        assertThat(flops.forward()).isEqualTo(2 * macs);
        assertThat(flops.inputGradients()).isEqualTo(2 * (macs - 3L * 9 * 16 * 32 * 32));
    }
}
