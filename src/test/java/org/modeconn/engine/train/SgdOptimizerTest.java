package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SgdOptimizerTest {

    private static final NetworkSpec TINY = new NetworkSpec(ArchitectureParser.parse("mlp:3"), 2, null,
        List.of("a", "b"));

    /** PyTorch's SGD, written out per element, for comparison. */
    private static void reference(double[] w, double[] v, double[] g, double lr, double mu, double wd,
            boolean nesterov) {
        for (int i = 0; i < w.length; i++) {
            double d = g[i] + wd * w[i];
            v[i] = mu * v[i] + d;
            double step = nesterov ? d + mu * v[i] : v[i];
            w[i] -= lr * step;
        }
    }

    @Test
    void matchesPyTorchSgdOverSeveralSteps() {
        for (boolean nesterov : new boolean[] {false, true}) {
            ParameterLayout layout = ParameterLayouts.layoutOf(TINY);
            int p = (int) layout.size();
            INDArray params = Nd4j.create(DataType.FLOAT, 1, p);
            INDArray grads = Nd4j.create(DataType.FLOAT, 1, p);
            double[] w = new double[p];
            double[] v = new double[p];
            for (int i = 0; i < p; i++) {
                w[i] = 0.1 * (i - 5);
                params.putScalar(0, i, w[i]);
            }
            SgdOptimizer opt = new SgdOptimizer(new SgdSettings(0.1, 0.9, nesterov, 0.01), layout, params, grads);
            for (int step = 0; step < 4; step++) {
                double[] g = new double[p];
                for (int i = 0; i < p; i++) {
                    g[i] = Math.sin(i + step);
                    grads.putScalar(0, i, g[i]);
                }
                opt.step(0.1);
                reference(w, v, g, 0.1, 0.9, 0.01, nesterov);
            }
            for (int i = 0; i < p; i++) {
                assertThat(params.getDouble(0, i)).as("nesterov=" + nesterov + " i=" + i).isCloseTo(w[i], within(1e-6));
            }
        }
    }

    @Test
    void batchNormStatisticsFollowTheirRunningAverageAndAreNeitherDecayedNorTrained() {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:4"), 3, null, List.of("a", "b"));
        ExecutableNetwork net = ExecutableNetwork.create(spec);
        float[] init = net.layout().initialise(5);
        net.setParameters(init);
        INDArray x = Nd4j.create(new float[][] {{1, 2, 3}, {0, -1, 4}, {2, 2, 2}, {5, 0, 1}});
        INDArray y = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}});
        net.computeGradient(x, y, new int[] {0, 1, 0, 1});
        float[] delta = net.gradients().dup().data().asFloat();
        SgdOptimizer opt = new SgdOptimizer(new SgdSettings(0.1, 0.9, false, 0.5), net.layout(), net.parameters(),
            net.gradients());
        opt.step(0.1);
        float[] after = net.parameterArray();
        float[] velocity = opt.momentum();
        for (ParameterBlock b : net.layout().blocks()) {
            if (b.kind().trainable()) {
                continue;
            }
            for (long i = b.offset(); i < b.offset() + b.length(); i++) {
                int k = (int) i;
                // DL4J's running-average change, applied as is: mean ← mean − 0.1·(mean − batch mean)
                assertThat(after[k]).isCloseTo(init[k] - delta[k], within(1e-6f));
                assertThat(velocity[k]).isZero();
            }
        }
        // the running mean moved towards the batch mean of the first dense layer's output
        ParameterBlock mean = net.layout().blocks().stream().filter(b -> b.name().equals("mean")).findFirst()
            .orElseThrow();
        assertThat(after[(int) mean.offset()]).isNotEqualTo(init[(int) mean.offset()]);
        opt.close();
        net.close();
    }

    @Test
    void closingFreesTheMomentumAndTheMaskItOwns() {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:4"), 3, null, List.of("a", "b"));
        try (ExecutableNetwork net = ExecutableNetwork.create(spec)) {
            SgdOptimizer opt = new SgdOptimizer(new SgdSettings(0.1, 0.9, false, 0.5), net.layout(), net.parameters(),
                net.gradients());
            // The mask is a reshaped view: its close() alone would free nothing.
            java.util.List<org.nd4j.linalg.api.buffer.DataBuffer> owned = opt.ownedArrays().stream()
                .map(org.modeconn.engine.backend.NativeArrays::allocation).toList();
            assertThat(owned).hasSize(2);
            assertThat(owned.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(false);
            opt.close();
            assertThat(owned.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(true);
            assertThat(net.parameters().data().wasClosed()).as("the network's vectors are not the optimiser's")
                .isFalse();
        }
    }
}
