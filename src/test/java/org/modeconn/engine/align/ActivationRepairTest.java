package org.modeconn.engine.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.kernels.ChannelStatistics;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * REPAIR resets every corrected layer's per-channel statistics to the interpolation of the ends', leaves the ends
 * as they are, and lowers the barrier of an aligned line of networks without BatchNorm.
 */
class ActivationRepairTest {

    private static Dataset data;
    private static Network a;
    private static Network bAligned;

    @BeforeAll
    static void trainAndAlign() {
        data = EmbeddedMnist.train().head(1000);
        a = train(1);
        bAligned = WeightMatcher.align(a, train(2), AlignmentSettings.defaults(), TrainingMonitor.NONE).aligned();
    }

    private static Network train(long seed) {
        TrainingSettings s = new TrainingSettings(4, 32, new SgdSettings(0.05, 0.9, false, 5e-4),
            new LearningRateSchedule.Reference(), seed, FeatureScaling.Mode.AUTO, 0);
        return EndpointTrainer.train(ArchitectureParser.parse("mlp:32,32"), data, null, s, 1, TrainingMonitor.NONE)
            .network();
    }

    /** {mean, standard deviation} per channel of one layer's output over the data, straight from the engine. */
    private static double[][] statistics(Network n, String layer) {
        try (ExecutableNetwork net = ExecutableNetwork.of(n); BatchSource source = BatchSource.of(data, n.scaling())) {
            INDArray x = net.trainingActivations(List.of(layer), source.features())[0];
            float[][] s = ChannelStatistics.of(x);
            long count = x.size(0);
            double[][] out = new double[2][s[0].length];
            for (int c = 0; c < s[0].length; c++) {
                out[0][c] = s[0][c];
                out[1][c] = Math.sqrt(s[1][c] * (count - 1) / count);
            }
            return out;
        }
    }

    @Test
    void everyCorrectedLayerGetsTheInterpolatedStatisticsOfTheEnds() {
        ActivationRepair repair = ActivationRepair.of(a, bAligned, data);
        assertThat(repair.layerNames()).hasSize(2);
        double alpha = 0.3;
        Network repaired = repair.networkAt(alpha);
        Network plain = new Network(a.spec(), a.scaling(), repair.pointAt(alpha), null, null);
        for (String layer : repair.layerNames()) {
            double[][] sa = statistics(a, layer);
            double[][] sb = statistics(bAligned, layer);
            double[][] got = statistics(repaired, layer);
            for (int c = 0; c < sa[0].length; c++) {
                double goalMean = (1 - alpha) * sa[0][c] + alpha * sb[0][c];
                double goalStd = (1 - alpha) * sa[1][c] + alpha * sb[1][c];
                assertThat(got[0][c]).as(layer + " channel " + c + " mean").isCloseTo(goalMean,
                    within(1e-3 + 1e-3 * Math.abs(goalMean)));
                assertThat(got[1][c]).as(layer + " channel " + c + " deviation").isCloseTo(goalStd,
                    within(1e-3 + 1e-3 * goalStd));
            }
        }
        assertThat(plain.parametersView()).isEqualTo(repaired.parametersView());
    }

    @Test
    void theEndsStayAsTheyAre() {
        ActivationRepair repair = ActivationRepair.of(a, bAligned, data);
        float[] start = repair.pointAt(0);
        float[] end = repair.pointAt(1);
        for (int i = 0; i < start.length; i++) {
            assertThat(start[i]).isCloseTo(a.parametersView()[i], within(1e-4f + 1e-3f * Math.abs(start[i])));
            assertThat(end[i]).isCloseTo(bAligned.parametersView()[i], within(1e-4f + 1e-3f * Math.abs(end[i])));
        }
    }

    @Test
    void lowersTheBarrierOfTheAlignedLine() {
        PathProfile plain = CurveEvaluator.line(a, bAligned, data, null, 5, TrainingMonitor.NONE);
        PathProfile repaired = ActivationRepair.of(a, bAligned, data).line(null, 5, TrainingMonitor.NONE);
        assertThat(repaired.points().get(0).trainLoss()).isCloseTo(plain.points().get(0).trainLoss(), within(1e-3));
        assertThat(repaired.barrierTrainLoss()).isLessThan(0.7 * plain.barrierTrainLoss());
    }

    @Test
    void correctsHiddenLayersOutsideDropoutAndRefusesBatchNorm() {
        NetworkSpec vgg = new NetworkSpec(ArchitectureParser.parse("vgg:4,M/8/d0.5"), 64,
            new org.modeconn.engine.data.ImageShape(1, 8, 8), List.of("a", "b"));
        assertThat(ActivationRepair.correctedLayerNames(vgg)).hasSize(1);
        NetworkSpec mlpbn = new NetworkSpec(ArchitectureParser.parse("mlpbn:8"), 4, null, List.of("a", "b"));
        Network bn = new Network(mlpbn, FeatureScaling.none(4),
            org.modeconn.engine.network.ParameterLayouts.layoutOf(mlpbn).initialise(1), null, null);
        assertThatThrownBy(() -> ActivationRepair.of(bn, bn, data)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("BatchNorm");
    }
}
