package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Path length and the statistics along a path, against paths computed by hand. */
class PathStatisticsTest {

    private static final int POINTS = 11;

    private static double[] line(double t) {
        return new double[] {1 - t, t};
    }

    @Test
    void aStraightLineIsAsLongAsTheDistanceBetweenItsEnds() {
        // θ0 = 0 and θ1 = (3, 4, 0, 12): |θ1 − θ0| = 13, and each of the 10 steps is 1.3.
        List<float[]> bends = List.of(new float[4], new float[] {3, 4, 0, 12});
        double[] arc = PathLength.arcLengths(bends, PathStatisticsTest::line, POINTS);
        assertThat(arc[0]).isZero();
        assertThat(arc[POINTS - 1]).isCloseTo(13, within(1e-9));
        for (int k = 1; k < POINTS; k++) {
            assertThat(arc[k] - arc[k - 1]).isCloseTo(1.3, within(1e-9));
        }
    }

    @Test
    void aPolygonalChainIsAsLongAsItsTwoSegments() {
        // θ0 = 0, bend (3, 0), θ2 = (3, 4): 3 + 4, with t = 0.5 on the bend (an odd grid).
        List<float[]> bends = List.of(new float[2], new float[] {3, 0}, new float[] {3, 4});
        PolyChainCurve chain = new PolyChainCurve(3);
        double[] arc = PathLength.arcLengths(bends, chain::coefficients, POINTS);
        assertThat(arc[POINTS - 1]).isCloseTo(7, within(1e-9));
        assertThat(arc[POINTS / 2]).isCloseTo(3, within(1e-9));
    }

    @Test
    void aConstantQuantityHasThatMeanAndAnEvenRampItsMiddle() {
        double[] arc = {0, 1, 3, 6};
        QuantityStatistics constant = QuantityStatistics.along("train_loss", new double[] {0.7, 0.7, 0.7, 0.7}, arc);
        assertThat(constant.mean()).isCloseTo(0.7, within(1e-12));
        assertThat(constant.min()).isEqualTo(0.7);
        assertThat(constant.max()).isEqualTo(0.7);
        // v = the arc length itself: its mean along a path of length 6 is 3, whatever the spacing.
        QuantityStatistics ramp = QuantityStatistics.along("test_error", arc.clone(), arc);
        assertThat(ramp.mean()).isCloseTo(3, within(1e-12));
        assertThat(ramp.start()).isZero();
        assertThat(ramp.end()).isEqualTo(6);
        // By hand: ((1+2)/2·1 + (2+10)/2·2 + (10+4)/2·3) / 6 = (1.5 + 12 + 21) / 6.
        QuantityStatistics uneven = QuantityStatistics.along("train_error", new double[] {1, 2, 10, 4}, arc);
        assertThat(uneven.mean()).isCloseTo(34.5 / 6, within(1e-12));
        assertThat(uneven.max()).isEqualTo(10);
        assertThat(uneven.min()).isEqualTo(1);
    }

    @Test
    void aPathWithoutLengthTakesThePlainMeanAndAProfileListsEveryQuantity() {
        QuantityStatistics still = QuantityStatistics.along("train_loss", new double[] {1, 3}, new double[] {0, 0});
        assertThat(still.mean()).isEqualTo(2);
        PathProfile p = new PathProfile("curve", List.of(new PathPoint(0, 1, 10, 2.0, 20.0),
            new PathPoint(1, 3, 30, 4.0, 40.0)), new double[] {0, 2});
        assertThat(p.length()).isEqualTo(2);
        assertThat(p.statistics()).extracting(QuantityStatistics::quantity)
            .containsExactly("train_loss", "train_error", "test_loss", "test_error");
        assertThat(p.statistics().get(3).mean()).isEqualTo(30);
        assertThat(new PathProfile("line", List.of(), new double[0]).statistics()).isEmpty();
    }
}
