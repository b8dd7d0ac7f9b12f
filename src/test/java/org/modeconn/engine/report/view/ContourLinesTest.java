package org.modeconn.engine.report.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContourLinesTest {

    private static double[] axis(int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = -1 + 2.0 * i / (n - 1);
        }
        return a;
    }

    @Test
    void aConesLevelIsOneClosedCircleOfThatRadius() {
        double[] xs = axis(41);
        double[] ys = axis(41);
        double[][] v = new double[ys.length][xs.length];
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                v[i][j] = Math.hypot(xs[j], ys[i]);
            }
        }
        List<ContourLines.Level> levels = ContourLines.of(xs, ys, v, new double[] {0.5});
        assertThat(levels).hasSize(1);
        List<List<double[]>> lines = levels.get(0).lines();
        assertThat(lines).hasSize(1);
        List<double[]> circle = lines.get(0);
        assertThat(circle.size()).isGreaterThan(40);
        for (double[] p : circle) {
            assertThat(Math.hypot(p[0], p[1])).isCloseTo(0.5, within(0.01));
        }
        double[] first = circle.get(0);
        double[] last = circle.get(circle.size() - 1);
        assertThat(Math.hypot(first[0] - last[0], first[1] - last[1])).isLessThan(1e-9);
    }

    @Test
    void missingValuesLeaveTheirCellsOutAndAFlatGridHasNoLevels() {
        double[] xs = axis(4);
        double[] ys = axis(4);
        // A ramp along x with one missing corner: the cell there is left out, the others still cross 0.5.
        double[][] v = {{0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2, Double.NaN}};
        List<List<List<double[]>>> lines = ContourLines.of(xs, ys, v, new double[] {0.5, 2.5}).stream()
            .map(ContourLines.Level::lines).toList();
        assertThat(lines.get(0)).hasSize(1);
        assertThat(lines.get(0).get(0)).hasSize(4);
        assertThat(lines.get(1)).hasSize(1);
        assertThat(lines.get(1).get(0)).as("the top cell at 2.5 has a missing corner").hasSize(3);
        for (double[] p : lines.get(1).get(0)) {
            assertThat(p[1]).isLessThan(ys[3]);
        }
        assertThat(ContourLines.evenLevels(new double[][] {{3, 3}, {3, 3}}, 5)).isEmpty();
        assertThat(ContourLines.evenLevels(new double[][] {{0, 1}, {2, 3}}, 2)).containsExactly(1.0, 2.0);
    }

    @Test
    void aStraightRampGivesOneStraightLinePerLevel() {
        double[] xs = axis(11);
        double[] ys = axis(5);
        double[][] v = new double[ys.length][xs.length];
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                v[i][j] = xs[j];
            }
        }
        List<ContourLines.Level> levels = ContourLines.of(xs, ys, v, new double[] {-0.55, 0.25});
        for (ContourLines.Level l : levels) {
            assertThat(l.lines()).hasSize(1);
            assertThat(l.lines().get(0)).hasSize(ys.length);
            for (double[] p : l.lines().get(0)) {
                assertThat(p[0]).isCloseTo(l.level(), within(1e-12));
            }
        }
    }
}
