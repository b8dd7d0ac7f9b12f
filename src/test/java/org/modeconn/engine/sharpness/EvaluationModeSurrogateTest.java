package org.modeconn.engine.sharpness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.ensemble.Predictor;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.LayerGraphSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;

/**
 * BatchNorm networks are measured in evaluation mode: the surrogate computes what the network computes in evaluation
 * mode, and the gradient it gives is the evaluation-mode loss's, checked against central differences of that loss.
 */
class EvaluationModeSurrogateTest {

    private static final Dataset DATA = EmbeddedMnist.train().head(256);

    private static Network trained(String arch) {
        TrainingSettings s = new TrainingSettings(2, 32, new SgdSettings(0.05, 0.9, false, 5e-4),
            new LearningRateSchedule.Reference(), 1, FeatureScaling.Mode.AUTO, 0);
        return EndpointTrainer.train(ArchitectureParser.parse(arch), DATA, null, s, 1, TrainingMonitor.NONE).network();
    }

    /** The evaluation-mode loss over DATA at {@code p}, as NetworkEvaluator measures it (running statistics). */
    private static double loss(Network n, float[] p) {
        try (ExecutableNetwork net = ExecutableNetwork.create(n.spec());
                BatchSource s = BatchSource.of(DATA, n.scaling())) {
            net.setParameters(p);
            return NetworkEvaluator.evaluate(net, s).loss();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlpbn:24,16", "vggbn:4,M/16"})
    void theSurrogateComputesTheEvaluationModeFunction(String arch) {
        Network n = trained(arch);
        EvaluationModeSurrogate s = EvaluationModeSurrogate.of(n.spec());
        Network surrogate = new Network(s.spec(), n.scaling(), s.parameters(n.parametersView(), n.parametersView()),
            null, null);
        float[] want = Predictor.predict(n, DATA.head(64)).probabilities();
        float[] got = Predictor.predict(surrogate, DATA.head(64)).probabilities();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], within(2e-5f));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"preresnet:8", "wrn:10x1", "vggbn:4,M,8,M/16"})
    void residualAndWideNetworksToo(String arch) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), 3 * 8 * 8,
            new org.modeconn.engine.data.ImageShape(3, 8, 8), List.of("a", "b", "c"));
        float[] p = ParameterLayouts.layoutOf(spec).initialise(5);
        SplittableRandom random = new SplittableRandom(5);
        for (ParameterBlock b : ParameterLayouts.layoutOf(spec).blocks()) {
            for (int i = (int) b.offset(); i < b.offset() + b.length(); i++) {
                switch (b.kind()) {
                    case BN_GAMMA, BN_VAR -> p[i] = (float) (0.5 + random.nextDouble());
                    case BN_BETA, BN_MEAN -> p[i] = (float) (random.nextGaussian() * 0.3);
                    default -> {
                    }
                }
            }
        }
        EvaluationModeSurrogate s = EvaluationModeSurrogate.of(spec);
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.rand(
            org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 3 * 8 * 8);
        try (ExecutableNetwork original = ExecutableNetwork.create(spec);
                ExecutableNetwork surrogate = ExecutableNetwork.create(s.spec())) {
            original.setParameters(p);
            surrogate.setParameters(s.parameters(p, p));
            float[] want = original.predict(x).dup().data().asFloat();
            float[] got = surrogate.predict(x).dup().data().asFloat();
            for (int i = 0; i < want.length; i++) {
                assertThat(got[i]).as(arch).isCloseTo(want[i], within(2e-5f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp:24,16", "mlpbn:24,16", "vggbn:4,M/16"})
    void itsGradientIsTheEvaluationModeLossesAlongEveryKindOfParameter(String arch) {
        Network n = trained(arch);
        double[] g = new double[n.parametersView().length];
        try (HessianVectorProducts h = new HessianVectorProducts(n, DATA, DATA.numExamples(), 3e-6)) {
            double loss = h.lossAndGradient(g);
            assertThat(loss).isCloseTo(loss(n, n.parametersView()), within(1e-4));
        }
        SplittableRandom random = new SplittableRandom(7);
        for (ParameterKind kind : List.of(ParameterKind.WEIGHT, ParameterKind.BIAS, ParameterKind.BN_GAMMA,
            ParameterKind.BN_BETA)) {
            // a random direction within this kind's blocks: the weights, the BatchNorm scales, the shifts
            float[] u = new float[g.length];
            double along = 0;
            for (ParameterBlock b : ParameterLayouts.layoutOf(n.spec()).blocks()) {
                if (b.kind() == kind) {
                    for (int i = (int) b.offset(); i < b.offset() + b.length(); i++) {
                        u[i] = random.nextBoolean() ? 1 : -1;
                        along += g[i] * u[i];
                    }
                }
            }
            // the whole move ‖h u‖ the same for every kind: small, since a ReLU network is only piecewise smooth and
            // a larger move crosses the pieces' borders, yet large enough for the loss's float digits
            int count = 0;
            for (float x : u) {
                count += x != 0 ? 1 : 0;
            }
            double h = 3e-3 / Math.sqrt(count);
            float[] plus = n.parameters();
            float[] minus = n.parameters();
            for (int i = 0; i < u.length; i++) {
                plus[i] += (float) (h * u[i]);
                minus[i] -= (float) (h * u[i]);
            }
            if (along == 0) {
                continue;
            }
            double numeric = (loss(n, plus) - loss(n, minus)) / (2 * h);
            assertThat(along).as(arch + ": " + kind).isCloseTo(numeric, within(0.02 * Math.abs(numeric) + 1e-4));
        }
        // the running statistics are constants of the loss
        for (ParameterBlock b : ParameterLayouts.layoutOf(n.spec()).blocks()) {
            if (b.kind() == ParameterKind.BN_MEAN || b.kind() == ParameterKind.BN_VAR) {
                assertThat(g[(int) b.offset()]).isZero();
            }
        }
    }

    @Test
    void aBatchNormNetworksSharpnessIsMeasuredOnItsEvaluationModeLoss() {
        Network n = trained("mlpbn:24,16");
        Sharpness s = SharpnessAnalyzer.analyze(n, DATA, new SharpnessSettings(0, 2, 8, 3, 30,
            SharpnessSettings.DEFAULT_STEP), TrainingMonitor.NONE);
        assertThat(s.eigenvalues()[0]).isPositive().isGreaterThanOrEqualTo(s.eigenvalues()[1]);
        assertThat(s.loss()).isCloseTo(loss(n, n.parametersView()), within(1e-4));
    }

    @Test
    void anImportedGraphWithDropoutIsMeasuredAsTheGraphWithoutIt() {
        // dense → relu → dropout → dense → relu → dropout, summed with the first dropout's output
        LayerGraphSpec withDropout = new LayerGraphSpec("g", List.of(
            new LayerGraphSpec.Layer(new LayerOp.Dense(16, true), List.of(-1)),
            new LayerGraphSpec.Layer(new LayerOp.Relu(), List.of(0)),
            new LayerGraphSpec.Layer(new LayerOp.Dropout(0.5), List.of(1)),
            new LayerGraphSpec.Layer(new LayerOp.Dense(16, true), List.of(2)),
            new LayerGraphSpec.Layer(new LayerOp.Relu(), List.of(3)),
            new LayerGraphSpec.Layer(new LayerOp.Dropout(0.3), List.of(4)),
            new LayerGraphSpec.Layer(new LayerOp.Add(), List.of(5, 2))), false);
        LayerGraphSpec without = new LayerGraphSpec("g", List.of(
            new LayerGraphSpec.Layer(new LayerOp.Dense(16, true), List.of(-1)),
            new LayerGraphSpec.Layer(new LayerOp.Relu(), List.of(0)),
            new LayerGraphSpec.Layer(new LayerOp.Dense(16, true), List.of(1)),
            new LayerGraphSpec.Layer(new LayerOp.Relu(), List.of(2)),
            new LayerGraphSpec.Layer(new LayerOp.Add(), List.of(3, 1))), false);
        assertThat(withDropout.withoutDropout()).isEqualTo(without);

        NetworkSpec spec = new NetworkSpec(withDropout, 784, null, DATA.classNames());
        float[] weights = ParameterLayouts.layoutOf(spec).initialise(5);
        Network a = new Network(spec, FeatureScaling.pixels(784), weights, null, null);
        Network b = new Network(spec.withArchitecture(without), FeatureScaling.pixels(784), weights.clone(), null,
            null);
        SharpnessSettings settings = new SharpnessSettings(1, 2, 4, 3, 20, SharpnessSettings.DEFAULT_STEP);
        Sharpness sa = SharpnessAnalyzer.analyze(a, DATA, settings, TrainingMonitor.NONE);
        Sharpness sb = SharpnessAnalyzer.analyze(b, DATA, settings, TrainingMonitor.NONE);
        assertThat(sa.eigenvalues()).containsExactly(sb.eigenvalues());
        assertThat(sa.trace()).isEqualTo(sb.trace());
        assertThat(sa.eigenvalues()[0]).isPositive();
    }
}
