package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.train.EndpointTrainer;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;

/** The paper's finding on real data, small enough for CI: a curve removes the straight line's barrier. */
class CurveOnMnistTest {

    private static Dataset train;
    private static Dataset test;
    private static Network first;
    private static Network second;

    @BeforeAll
    static void endpoints() {
        train = EmbeddedMnist.train().sample(3000, 17);
        test = EmbeddedMnist.test();
        var arch = ArchitectureParser.parse("mlp:256");
        first = EndpointTrainer.train(arch, train, null, settings(1), TrainingMonitor.NONE).network();
        second = EndpointTrainer.train(arch, train, null, settings(2), TrainingMonitor.NONE).network();
    }

    private static TrainingSettings settings(long seed) {
        return new TrainingSettings(15, 64, SgdSettings.BENCHMARK, new LearningRateSchedule.Reference(), seed,
            FeatureScaling.Mode.AUTO, 0);
    }

    private static CurveEvaluation fitAndEvaluate(CurveType type) {
        CurveFitSettings s = new CurveFitSettings(type, 3, true, true, 20, 64,
            new SgdSettings(0.015, 0.9, false, 5e-4), new LearningRateSchedule.Reference(), 3);
        CurveModel curve = CurveFitter.fit(first, second, train, s, TrainingMonitor.NONE).curve();
        // fixed ends stay bit-identical
        assertThat(curve.layout().trainable(curve.bendView(0))).containsExactly(
            first.layout().trainable(first.parametersView()));
        assertThat(curve.layout().trainable(curve.bendView(2))).containsExactly(
            second.layout().trainable(second.parametersView()));
        return CurveEvaluator.evaluate(curve, train, test, 11, TrainingMonitor.NONE);
    }

    @Test
    void aPolygonalChainRemovesMostOfTheLinesBarrier() {
        CurveEvaluation e = fitAndEvaluate(CurveType.POLYCHAIN);
        PathProfile line = e.line();
        PathProfile chain = e.curve();
        double ends = (chain.points().get(0).testErrorPercent() + chain.points().get(10).testErrorPercent()) / 2;
        assertThat(line.points().get(0).testErrorPercent()).isEqualTo(chain.points().get(0).testErrorPercent());
        assertThat(line.barrierTestError()).as("line barrier").isGreaterThan(1.0);
        assertThat(chain.barrierTestError()).as("chain barrier").isLessThan(line.barrierTestError() / 2);
        assertThat(chain.maxTestError()).isLessThan(ends + 1.0);
        assertThat(chain.maxTrainLoss()).isLessThan(line.maxTrainLoss() / 2);
        assertThat(e.ensembleTestError()).isLessThanOrEqualTo(ends + 0.1);
    }

    @Test
    void aBezierCurveLowersTheBarrierToo() {
        CurveEvaluation e = fitAndEvaluate(CurveType.BEZIER);
        double ends = (e.curve().points().get(0).testErrorPercent() + e.curve().points().get(10).testErrorPercent()) / 2;
        assertThat(e.curve().barrierTestError()).isLessThan(e.line().barrierTestError() - 0.5);
        assertThat(e.curve().maxTestError()).isLessThan(ends + 1.5);
        assertThat(e.curve().maxTrainLoss()).isLessThan(e.line().maxTrainLoss());
    }
}
