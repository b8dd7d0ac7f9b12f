package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;

/** The connectivity of four MNIST MLPs: a symmetric matrix with a zero diagonal, whose lines are Evaluate Curve's. */
class ConnectivityMatrixTest {

    @Test
    void fourMlpsGiveASymmetricMatrixOfTheLinesEvaluateCurveMeasures() {
        Dataset train = EmbeddedMnist.train().head(1000);
        Dataset test = EmbeddedMnist.test().head(300);
        List<Network> nets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            nets.add(EndpointTrainer.train(ArchitectureParser.parse("mlp:32"), train, null, new TrainingSettings(2, 64,
                SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(), seed, FeatureScaling.Mode.AUTO, 0),
                TrainingMonitor.NONE).network());
            names.add("seed " + seed);
        }
        ConnectivityMatrix m = ConnectivityMatrix.ofLines(nets, names, train, test, 5, TrainingMonitor.NONE);
        for (int i = 0; i < 4; i++) {
            assertThat(m.barrierTrainLoss()[i][i]).isZero();
            assertThat(m.barrierTestError()[i][i]).isZero();
            for (int j = 0; j < 4; j++) {
                assertThat(m.barrierTrainLoss()[i][j]).isEqualTo(m.barrierTrainLoss()[j][i]);
                assertThat(m.barrierTestError()[i][j]).isEqualTo(m.barrierTestError()[j][i]);
            }
        }
        // Evaluate Curve's line between the ends of a curve from network 0 to network 2 is the matrix's line.
        Network a = nets.get(0);
        Network c = nets.get(2);
        float[] wa = a.layout().withoutStatistics(a.parametersView());
        float[] wc = c.layout().withoutStatistics(c.parametersView());
        float[] middle = new float[wa.length];
        for (int i = 0; i < middle.length; i++) {
            middle[i] = (wa[i] + wc[i]) / 2;
        }
        CurveModel curve = new CurveModel(a.spec(), a.scaling(), new BezierCurve(3), new float[][] {wa, middle, wc},
            true, true, null);
        CurveEvaluation e = CurveEvaluator.evaluate(curve, train, test, 5, TrainingMonitor.NONE);
        assertThat(m.barrierTrainLoss()[0][2]).isCloseTo(e.line().barrierTrainLoss(), within(1e-9));
        assertThat(m.barrierTestError()[0][2]).isCloseTo(e.line().barrierTestError(), within(1e-9));

        // An ensemble's members, named in order.
        EnsembleModel ensemble = new EnsembleModel(a.spec(), a.scaling(), EnsembleModel.FGE,
            List.of(nets.get(0).parametersView(), nets.get(1).parametersView()), null);
        ConnectivityMatrix members = ConnectivityMatrix.ofMembers(ensemble, train, null, 5, TrainingMonitor.NONE);
        assertThat(members.names()).containsExactly("member 1", "member 2");
        assertThat(members.hasTest()).isFalse();
        assertThat(members.barrierTrainLoss()[0][1]).isCloseTo(m.barrierTrainLoss()[0][1], within(1e-9));
        assertThatThrownBy(() -> ConnectivityMatrix.ofLines(nets.subList(0, 1), names.subList(0, 1), train, test, 5,
            TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class).hasMessageContaining("at least two");
    }

    @Test
    void curvesBetweenEveryPairAreThoseFitCurveAndEvaluateCurveGive() {
        Dataset train = EmbeddedMnist.train().head(600);
        Dataset test = EmbeddedMnist.test().head(200);
        List<Network> nets = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            nets.add(EndpointTrainer.train(ArchitectureParser.parse("mlp:16"), train, null, new TrainingSettings(2, 64,
                SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(), seed, FeatureScaling.Mode.AUTO, 0),
                TrainingMonitor.NONE).network());
        }
        CurveFitSettings fit = ConnectivityMatrix.pairCurveFit(1);
        ConnectivityMatrix curves = ConnectivityMatrix.ofCurves(nets, List.of("a", "b", "c"), train, test, 5, fit,
            TrainingMonitor.NONE);
        CurveModel bc = CurveFitter.fit(nets.get(1), nets.get(2), train, fit, TrainingMonitor.NONE).curve();
        PathProfile measured = CurveEvaluator.evaluate(bc, train, test, 5, TrainingMonitor.NONE).curve();
        assertThat(curves.barrierTrainLoss()[1][2]).isCloseTo(measured.barrierTrainLoss(), within(1e-9));
        assertThat(curves.barrierTestError()[2][1]).isCloseTo(measured.barrierTestError(), within(1e-9));
        assertThatThrownBy(() -> ConnectivityMatrix.ofCurves(nets, List.of("a", "b", "c"), train, test, 1, fit,
            TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class).hasMessageContaining("1 points");
    }
}
