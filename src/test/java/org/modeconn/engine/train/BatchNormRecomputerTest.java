package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.runtime.ExecutableNetwork;

class BatchNormRecomputerTest {

    /**
     * The first BatchNorm layer of an MLP sees x·W + b, which plain Java can compute: the recomputed
     * statistics must be the batch-size-weighted means of the per-batch means and unbiased variances
     * over one unshuffled pass in batches of 128.
     */
    @Test
    void equalsADirectComputationOverTheTrainingSet() {
        Dataset data = EmbeddedMnist.train().head(300); // batches of 128, 128 and 44
        FeatureScaling scaling = FeatureScaling.pixels(784);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:8,8"), 784, null, data.classNames());
        ExecutableNetwork net = ExecutableNetwork.create(spec);
        float[] params = net.layout().initialise(3);
        net.setParameters(params);
        new BatchNormRecomputer(net).recompute(BatchSource.of(data, scaling));
        float[] after = net.parameterArray();

        List<ParameterBlock> blocks = net.layout().blocks();
        ParameterBlock w = blocks.get(0);
        ParameterBlock b = blocks.get(1);
        ParameterBlock mean = blocks.stream().filter(x -> x.kind() == ParameterKind.BN_MEAN).findFirst().orElseThrow();
        ParameterBlock var = blocks.stream().filter(x -> x.kind() == ParameterKind.BN_VAR).findFirst().orElseThrow();
        float[] x = data.scaledFeatures(scaling);
        int units = 8;
        double[] meanSum = new double[units];
        double[] varSum = new double[units];
        for (int from = 0; from < 300; from += 128) {
            int count = Math.min(128, 300 - from);
            double[][] z = new double[count][units];
            for (int i = 0; i < count; i++) {
                for (int u = 0; u < units; u++) {
                    double s = params[(int) b.offset() + u];
                    for (int f = 0; f < 784; f++) {
                        // DL4J keeps dense weights [nIn, nOut] in column-major order
                        s += x[(from + i) * 784 + f] * params[(int) w.offset() + u * 784 + f];
                    }
                    z[i][u] = s;
                }
            }
            for (int u = 0; u < units; u++) {
                double m = 0;
                for (int i = 0; i < count; i++) {
                    m += z[i][u];
                }
                m /= count;
                double v = 0;
                for (int i = 0; i < count; i++) {
                    v += (z[i][u] - m) * (z[i][u] - m);
                }
                v /= count - 1;
                meanSum[u] += m * count;
                varSum[u] += v * count;
            }
        }
        for (int u = 0; u < units; u++) {
            assertThat(after[(int) mean.offset() + u]).isCloseTo((float) (meanSum[u] / 300), within(1e-4f));
            assertThat(after[(int) var.offset() + u]).isCloseTo((float) (varSum[u] / 300),
                within((float) (1e-4 * Math.max(1, varSum[u] / 300))));
        }
        // trainable parameters are untouched
        assertThat(net.layout().trainable(after)).containsExactly(net.layout().trainable(params));
        // and the second layer's statistics changed from their initial 0 / 1
        List<ParameterBlock> stats = blocks.stream().filter(x2 -> !x2.kind().trainable()).toList();
        assertThat(after[(int) stats.get(2).offset()]).isNotZero();
    }
}
