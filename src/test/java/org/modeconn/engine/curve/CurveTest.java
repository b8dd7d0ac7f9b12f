package org.modeconn.engine.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.modeconn.engine.InvalidInputException;

class CurveTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 8})
    void coefficientsSumToOneAndTheEndsAreExact(int n) {
        for (Curve c : new Curve[] {new BezierCurve(n), new PolyChainCurve(n)}) {
            for (int k = 0; k <= 100; k++) {
                double t = k / 100.0;
                double sum = 0;
                for (double b : c.coefficients(t)) {
                    assertThat(b).isGreaterThanOrEqualTo(0);
                    sum += b;
                }
                assertThat(sum).as(c + " t=" + t).isCloseTo(1.0, within(1e-12));
            }
            double[] at0 = c.coefficients(0);
            double[] at1 = c.coefficients(1);
            assertThat(at0[0]).isEqualTo(1.0);
            assertThat(at1[n - 1]).isEqualTo(1.0);
            for (int i = 1; i < n; i++) {
                assertThat(at0[i]).isZero();
                assertThat(at1[i - 1]).isZero();
            }
        }
    }

    /** De Casteljau's algorithm on scalar control points, the textbook definition of a Bezier curve. */
    private static double deCasteljau(double[] points, double t) {
        double[] p = points.clone();
        for (int level = p.length - 1; level > 0; level--) {
            for (int i = 0; i < level; i++) {
                p[i] = (1 - t) * p[i] + t * p[i + 1];
            }
        }
        return p[0];
    }

    @Test
    void bezierEqualsDeCasteljau() {
        double[] control = {0.3, -1.7, 2.2, 0.9, -0.4};
        BezierCurve c = new BezierCurve(control.length);
        for (int k = 0; k <= 20; k++) {
            double t = k / 20.0;
            double[] b = c.coefficients(t);
            double v = 0;
            for (int i = 0; i < b.length; i++) {
                v += b[i] * control[i];
            }
            assertThat(v).isCloseTo(deCasteljau(control, t), within(1e-12));
        }
        // the quadratic curve of the paper: (1−t)², 2t(1−t), t²
        assertThat(new BezierCurve(3).coefficients(0.25)).containsExactly(new double[] {0.5625, 0.375, 0.0625},
            within(1e-15));
    }

    @Test
    void polyChainIsPiecewiseLinearThroughItsBends() {
        PolyChainCurve c = new PolyChainCurve(3);
        assertThat(c.coefficients(0.5)).containsExactly(0, 1, 0);
        assertThat(c.coefficients(0.25)).containsExactly(new double[] {0.5, 0.5, 0}, within(1e-15));
        assertThat(c.coefficients(0.75)).containsExactly(new double[] {0, 0.5, 0.5}, within(1e-15));
        // linear within a segment: the midpoint of two points is the point at the midpoint
        PolyChainCurve five = new PolyChainCurve(5);
        double[] a = five.coefficients(0.30);
        double[] b = five.coefficients(0.45);
        double[] mid = five.coefficients(0.375);
        for (int i = 0; i < 5; i++) {
            assertThat(mid[i]).isCloseTo((a[i] + b[i]) / 2, within(1e-12));
        }
    }

    @Test
    void refusesFewerThanTwoBends() {
        assertThatThrownBy(() -> new BezierCurve(1)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("at least 2 bends");
        assertThatThrownBy(() -> CurveType.parse("spline")).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("bezier or polychain");
        assertThat(CurveType.parse("PolyChain")).isEqualTo(CurveType.POLYCHAIN);
    }
}
