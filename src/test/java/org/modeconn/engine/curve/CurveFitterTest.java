package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;

class CurveFitterTest {

    private static final Dataset DATA = EmbeddedMnist.train().head(300);

    private static Network random(String arch, long seed) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), 784, null, DATA.classNames());
        return new Network(spec, FeatureScaling.pixels(784), ParameterLayouts.layoutOf(spec).initialise(seed), null,
            null);
    }

    private static CurveFitSettings settings(CurveType type, boolean fixed, long seed) {
        return new CurveFitSettings(type, 3, fixed, fixed, 2, 64, new SgdSettings(0.05, 0.9, false, 5e-4),
            new LearningRateSchedule.Constant(), seed);
    }

    @Test
    void theSameSeedGivesTheSameCurveBitForBit() {
        Network a = random("mlpbn:16", 1);
        Network b = random("mlpbn:16", 2);
        CurveModel first = CurveFitter.fit(a, b, DATA, settings(CurveType.BEZIER, true, 5), TrainingMonitor.NONE).curve();
        CurveModel again = CurveFitter.fit(a, b, DATA, settings(CurveType.BEZIER, true, 5), TrainingMonitor.NONE).curve();
        CurveModel other = CurveFitter.fit(a, b, DATA, settings(CurveType.BEZIER, true, 6), TrainingMonitor.NONE).curve();
        assertThat(again.bendView(1)).containsExactly(first.bendView(1));
        assertThat(other.bendView(1)).isNotEqualTo(first.bendView(1));
        // the middle bend moved off the straight line; BatchNorm statistic entries stay zero
        CurveModel straight = CurveModel.straight(new BezierCurve(3), a, b);
        assertThat(first.bendView(1)).isNotEqualTo(straight.bendView(1));
        float[] stats = first.layout().statistics(first.bendView(1));
        assertThat(stats).containsOnly(0f);
        assertThat(first.provenance().orElseThrow().history()).hasSize(2);
    }

    @Test
    void freeEndsMoveAndFixedEndsDoNot() {
        Network a = random("mlp:16", 1);
        Network b = random("mlp:16", 2);
        CurveModel free = CurveFitter.fit(a, b, DATA, settings(CurveType.POLYCHAIN, false, 1), TrainingMonitor.NONE)
            .curve();
        assertThat(free.fixedStart()).isFalse();
        assertThat(free.bendView(0)).isNotEqualTo(a.parametersView());
        assertThat(free.bendView(2)).isNotEqualTo(b.parametersView());
        CurveModel fixed = CurveFitter.fit(a, b, DATA, settings(CurveType.POLYCHAIN, true, 1), TrainingMonitor.NONE)
            .curve();
        assertThat(fixed.bendView(0)).containsExactly(a.parametersView());
        assertThat(fixed.bendView(2)).containsExactly(b.parametersView());
    }

    @Test
    void middleBendsCanStartAtGivenNetworks() {
        Network a = random("mlp:16", 1);
        Network b = random("mlp:16", 2);
        Network m = random("mlp:16", 3);
        CurveModel start = CurveModel.through(new PolyChainCurve(3), a, List.of(m), b);
        assertThat(start.bendView(1)).containsExactly(m.parametersView());
        assertThat(start.pointAt(0.5)).containsExactly(m.parametersView());
        assertThatThrownBy(() -> CurveModel.through(new PolyChainCurve(4), a, List.of(m), b))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 middle bends");
        assertThatThrownBy(() -> CurveModel.through(new PolyChainCurve(3), a, List.of(random("mlp:8", 1)), b))
            .hasMessageContaining("mlp:16 vs mlp:8");
    }

    @Test
    void fittingCanBeCancelledAndRefusesEndpointsThatDiffer() {
        Network a = random("mlp:16", 1);
        AtomicInteger batches = new AtomicInteger();
        TrainingMonitor cancel = new TrainingMonitor() {
            @Override
            public void onBatch(double fraction, int epoch, int batch, double loss, double lr) {
                batches.incrementAndGet();
            }

            @Override
            public boolean isCancelled() {
                return batches.get() == 2;
            }
        };
        assertThatThrownBy(() -> CurveFitter.fit(a, random("mlp:16", 2), DATA, settings(CurveType.BEZIER, true, 1),
            cancel)).isInstanceOf(OperationCancelledException.class).hasMessageContaining("batch 3");
        assertThatThrownBy(() -> CurveFitter.fit(a, random("mlpbn:16", 2), DATA, settings(CurveType.BEZIER, true, 1),
            TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("architectures differ: mlp:16 vs mlpbn:16");
        assertThatThrownBy(() -> new CurveFitSettings(CurveType.BEZIER, 2, true, true, 1, 1, SgdSettings.BENCHMARK,
            new LearningRateSchedule.Constant(), 1)).hasMessageContaining("straight line");
    }
}
