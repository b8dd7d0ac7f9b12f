package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.train.TrainingMonitor;

class CurveEvaluatorTest {

    private static final Dataset TRAIN = EmbeddedMnist.train().head(300);
    private static final Dataset TEST = EmbeddedMnist.test().head(100);

    private static CurveModel curve() {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("mlpbn:16"), 784, null, TRAIN.classNames());
        var layout = ParameterLayouts.layoutOf(spec);
        Network a = new Network(spec, FeatureScaling.pixels(784), layout.initialise(1), null, null);
        Network b = new Network(spec, FeatureScaling.pixels(784), layout.initialise(2), null, null);
        return CurveModel.through(new BezierCurve(3), a,
            java.util.List.of(new Network(spec, a.scaling(), layout.initialise(3), null, null)), b);
    }

    @Test
    void parallelWorkersGiveTheSameFiguresAsOne() {
        CurveModel c = curve();
        CurveEvaluation one = CurveEvaluator.evaluate(c, TRAIN, TEST, 5, 1, TrainingMonitor.NONE);
        CurveEvaluation two = CurveEvaluator.evaluate(c, TRAIN, TEST, 5, 2, TrainingMonitor.NONE);
        assertThat(two.curve()).isEqualTo(one.curve());
        assertThat(two.line()).isEqualTo(one.line());
        assertThat(two.ensembleTestError()).isEqualTo(one.ensembleTestError());
        assertThat(two.endpointsEnsembleTestError()).isEqualTo(one.endpointsEnsembleTestError());
        // both paths start and end at the same networks
        assertThat(one.curve().points().get(0)).isEqualTo(one.line().points().get(0));
        assertThat(one.curve().points().get(4)).isEqualTo(one.line().points().get(4));
        assertThat(one.curve().points().get(2)).isNotEqualTo(one.line().points().get(2));
    }

    @Test
    void evaluationCanBeCancelled() {
        TrainingMonitor stopAfterTwo = new TrainingMonitor() {
            private int seen;

            @Override
            public void onBatch(double fraction, int epoch, int batch, double loss, double lr) {
                seen++;
            }

            @Override
            public boolean isCancelled() {
                return seen >= 2;
            }
        };
        assertThatThrownBy(() -> CurveEvaluator.evaluate(curve(), TRAIN, TEST, 9, 1, stopAfterTwo))
            .isInstanceOf(OperationCancelledException.class).hasMessageContaining("after 2 of 18 points");
    }
}
