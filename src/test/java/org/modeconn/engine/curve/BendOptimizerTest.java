package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.SgdSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BendOptimizerTest {

    @Test
    void placesThePointOfTheCurve() {
        float[][] bends = {{1, 2, 3}, {-1, 0, 5}, {4, 4, 4}};
        BendOptimizer opt = new BendOptimizer(new BezierCurve(3), bends, true, true, null,
            new SgdSettings(0.1, 0, false, 0));
        INDArray params = Nd4j.create(DataType.FLOAT, 1, 3);
        opt.placePoint(0.3, params);
        double[] b = new BezierCurve(3).coefficients(0.3);
        for (int k = 0; k < 3; k++) {
            double expected = b[0] * bends[0][k] + b[1] * bends[1][k] + b[2] * bends[2][k];
            assertThat(params.getDouble(0, k)).isCloseTo(expected, within(1e-6));
        }
    }

    /**
     * The step of a free bend is −lr·b_i(t)·∇(L + λ/2‖φ‖²) at φθ(t), checked against finite differences
     * of that objective in the bend's own coordinates on a real network.
     */
    @Test
    void theBendStepIsTheGradientOfTheRegularisedLossAtThePoint() {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlp:4"), 3, null, List.of("a", "b"));
        ExecutableNetwork net = ExecutableNetwork.create(spec);
        int p = (int) net.layout().size();
        SplittableRandom r = new SplittableRandom(4);
        float[][] bends = new float[3][p];
        for (float[] bend : bends) {
            for (int k = 0; k < p; k++) {
                bend[k] = (float) (r.nextDouble() - 0.5);
            }
        }
        INDArray x = Nd4j.create(new float[][] {{1, 0.5f, -1}, {0.2f, -0.3f, 0.8f}, {-1, 1, 0}});
        INDArray y = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}});
        int[] labels = {0, 1, 0};
        double t = 0.3;
        double lambda = 0.05;
        double lr = 1e-3;
        BendOptimizer opt = new BendOptimizer(new BezierCurve(3), bends, true, true, null,
            new SgdSettings(lr, 0, false, lambda));
        opt.placePoint(t, net.parameters());
        net.computeGradient(x, y, labels);
        opt.step(net.parameters(), net.gradients(), lr);
        float[] moved = opt.bends()[1];
        for (int k = 0; k < p; k += 3) {
            double h = 1e-3;
            double up = objective(net, bends, 1, k, h, t, lambda, x, y, labels);
            double down = objective(net, bends, 1, k, -h, t, lambda, x, y, labels);
            double gradient = (up - down) / (2 * h);
            double step = moved[k] - bends[1][k];
            assertThat(step).as("entry " + k).isCloseTo(-lr * gradient, within(2e-6 + 0.02 * Math.abs(lr * gradient)));
        }
        assertThat(opt.bends()[0]).containsExactly(bends[0]);
        assertThat(opt.bends()[2]).containsExactly(bends[2]);
    }

    private static double objective(ExecutableNetwork net, float[][] bends, int bend, int k, double h, double t,
            double lambda, INDArray x, INDArray y, int[] labels) {
        float[][] shifted = {bends[0].clone(), bends[1].clone(), bends[2].clone()};
        shifted[bend][k] += (float) h;
        double[] b = new BezierCurve(3).coefficients(t);
        float[] point = new float[bends[0].length];
        double norm = 0;
        for (int j = 0; j < point.length; j++) {
            point[j] = (float) (b[0] * shifted[0][j] + b[1] * shifted[1][j] + b[2] * shifted[2][j]);
            norm += point[j] * point[j];
        }
        net.setParameters(point);
        return net.computeGradient(x, y, labels).loss() + lambda / 2 * norm;
    }

    /**
     * On the toy loss L(w) = ½‖w − c‖² with both ends at 0, the best middle bend is known in closed form:
     * θ* = c·E[b₁(t)] / E[b₁(t)²], that is 2.5·c for the quadratic Bezier curve (E = 1/3 and 2/15) and
     * 1.5·c for the one-bend chain (E = 1/2 and 1/3). SGD over t ~ U(0, 1) must find it.
     */
    @Test
    void findsTheBestBendOfAToyLoss() {
        float[] c = {1f, -2f, 0.5f};
        for (Curve curve : new Curve[] {new BezierCurve(3), new PolyChainCurve(3)}) {
            double expected = curve instanceof BezierCurve ? 2.5 : 1.5;
            float[][] bends = {new float[3], new float[3], new float[3]};
            BendOptimizer opt = new BendOptimizer(curve, bends, true, true, null, new SgdSettings(0.05, 0.9, false, 0));
            INDArray params = Nd4j.create(DataType.FLOAT, 1, 3);
            INDArray grads = Nd4j.create(DataType.FLOAT, 1, 3);
            INDArray target = Nd4j.createFromArray(c).reshape(1, 3);
            SplittableRandom random = new SplittableRandom(1);
            double[] bend = new double[3];
            int steps = 12_000;
            int averaged = 6_000;
            for (int step = 0; step < steps; step++) {
                opt.placePoint(random.nextDouble(), params);
                grads.assign(params.sub(target));
                opt.step(params, grads, 0.01);
                // the mean of the late iterates averages away the noise of the drawn t
                if (step >= steps - averaged) {
                    float[] now = opt.bends()[1];
                    for (int k = 0; k < 3; k++) {
                        bend[k] += now[k] / (double) averaged;
                    }
                }
            }
            for (int k = 0; k < 3; k++) {
                assertThat(bend[k]).as(curve.type() + " entry " + k)
                    .isCloseTo(expected * c[k], within(0.04 * Math.abs(expected * c[k])));
            }
        }
    }

    @Test
    void closingFreesTheBendsTheirMomentumAndTheMask() {
        float[][] bends = {{1, 2, 3}, {-1, 0, 5}, {4, 4, 4}};
        BendOptimizer opt = new BendOptimizer(new BezierCurve(3), bends, true, true, new float[] {1, 0, 1},
            new SgdSettings(0.1, 0.9, false, 0));
        java.util.List<org.nd4j.linalg.api.buffer.DataBuffer> owned = opt.ownedArrays().stream()
            .map(org.modeconn.engine.backend.NativeArrays::allocation).toList();
        assertThat(owned).hasSize(3);
        assertThat(owned.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(false);
        opt.close();
        assertThat(owned.stream().map(org.nd4j.linalg.api.buffer.DataBuffer::wasClosed)).containsOnly(true);
    }
}
