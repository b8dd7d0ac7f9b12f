package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The gradient the engine trains with is the gradient of the mean batch loss (checked by finite differences). */
class GradientCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"mlp:5", "mlpbn:6", "cnn:2/4"})
    void gradientOfTheMeanLossMatchesFiniteDifferences(String arch) {
        ImageShape shape = new ImageShape(1, 4, 4);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), 16, shape, List.of("a", "b", "c"));
        ExecutableNetwork net = ExecutableNetwork.create(spec);
        float[] p = net.layout().initialise(11);
        net.setParameters(p);
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 7, 16);
        int[] labels = {0, 1, 2, 0, 1, 2, 0};
        INDArray y = Nd4j.zeros(DataType.FLOAT, 7, 3);
        for (int i = 0; i < 7; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        double loss = net.computeGradient(x, y, labels).loss();
        assertThat(loss).isBetween(0.5, 3.0);
        float[] g = net.gradients().dup().data().asFloat();
        int checked = 0;
        for (ParameterBlock b : net.layout().blocks()) {
            if (!b.kind().trainable()) {
                continue;
            }
            for (long k = b.offset(); k < b.offset() + b.length(); k += Math.max(1, b.length() / 3)) {
                int i = (int) k;
                // Two step sizes: ReLU and max-pool kinks can spoil one of them, not both.
                double numeric = centralDifference(net, p, i, 3e-3, x, y, labels);
                if (Math.abs(numeric - g[i]) > 2e-3 + 0.02 * Math.abs(numeric)) {
                    numeric = centralDifference(net, p, i, 1e-3, x, y, labels);
                }
                assertThat(g[i]).as(arch + " " + b.layer() + "_" + b.name() + "[" + (k - b.offset()) + "]")
                    .isCloseTo((float) numeric, org.assertj.core.api.Assertions.within((float) (2e-3
                        + 0.02 * Math.abs(numeric))));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5);
    }

    private static double centralDifference(ExecutableNetwork net, float[] p, int i, double h, INDArray x, INDArray y,
            int[] labels) {
        float[] q = p.clone();
        q[i] += (float) h;
        net.setParameters(q);
        double up = net.computeGradient(x, y, labels).loss();
        q[i] -= (float) (2 * h);
        net.setParameters(q);
        double down = net.computeGradient(x, y, labels).loss();
        net.setParameters(p);
        return (up - down) / (2 * h);
    }
}
