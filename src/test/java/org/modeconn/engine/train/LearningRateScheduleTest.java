package org.modeconn.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.record.Json;

class LearningRateScheduleTest {

    private static final double EPS = 1e-12;

    @Test
    void referenceScheduleMatchesTheBenchmarksPoints() {
        LearningRateSchedule s = new LearningRateSchedule.Reference();
        // epochs are 0-based in the API; the benchmark counts from 1
        for (int e = 0; e < 10; e++) {
            assertThat(s.rate(0.05, e, 0, 63, 20)).isCloseTo(0.05, within(EPS));
        }
        assertThat(s.rate(0.05, 10, 0, 63, 20)).isCloseTo(0.0438125, within(EPS));
        assertThat(s.rate(0.05, 11, 0, 63, 20)).isCloseTo(0.037625, within(EPS));
        for (int e = 17; e < 20; e++) {
            assertThat(s.rate(0.05, e, 30, 63, 20)).isCloseTo(0.0005, within(EPS));
        }
        // constant within an epoch
        assertThat(s.rate(0.05, 12, 62, 63, 20)).isEqualTo(s.rate(0.05, 12, 0, 63, 20));
    }

    @Test
    void cyclicScheduleFollowsTheReferenceFormulaPerBatch() {
        LearningRateSchedule s = new LearningRateSchedule.Cyclic(0.05, 0.0005, 2, 0);
        // t = ((epoch % 2) + batch/100) / 2
        assertThat(s.rate(0, 0, 0, 100, 4)).isCloseTo(0.05, within(EPS));
        assertThat(s.rate(0, 0, 50, 100, 4)).isCloseTo(0.05 * 0.5 + 0.0005 * 0.5, within(EPS));
        assertThat(s.rate(0, 1, 0, 100, 4)).isCloseTo(0.0005, within(EPS));
        assertThat(s.rate(0, 1, 50, 100, 4)).isCloseTo(0.05 * 0.5 + 0.0005 * 0.5, within(EPS));
        assertThat(s.rate(0, 2, 0, 100, 4)).isCloseTo(0.05, within(EPS));
        LearningRateSchedule it = new LearningRateSchedule.Cyclic(0.1, 0.01, 0, 10);
        assertThat(it.rate(0, 0, 5, 7, 3)).isCloseTo(0.01, within(EPS));
        assertThat(it.rate(0, 1, 3, 7, 3)).isCloseTo(0.1, within(EPS)); // iteration 10
        assertThat(it.rate(0, 1, 1, 7, 3)).isCloseTo(0.1 * 0.6 + 0.01 * 0.4, within(EPS)); // iteration 8, t = 0.8
    }

    @Test
    void snapshotEnsemblesRestartTheCosineEveryCycle() {
        LearningRateSchedule.CosineRestarts s = new LearningRateSchedule.CosineRestarts(4);
        // 10 epochs of 10 batches: 100 iterations, cycles of 25
        assertThat(s.cycleLength(100)).isEqualTo(25);
        assertThat(s.rate(0.1, 0, 0, 10, 10)).isCloseTo(0.1, within(EPS));
        assertThat(s.rate(0.1, 1, 2, 10, 10)).isCloseTo(0.05 * (Math.cos(Math.PI * 12 / 25) + 1), within(EPS));
        assertThat(s.rate(0.1, 2, 4, 10, 10)).isCloseTo(0.05 * (Math.cos(Math.PI * 24 / 25) + 1), within(EPS));
        assertThat(s.rate(0.1, 2, 5, 10, 10)).isCloseTo(0.1, within(EPS)); // iteration 25: restart
    }

    @Test
    void cosineAndStepSchedules() {
        LearningRateSchedule c = new LearningRateSchedule.Cosine(0);
        assertThat(c.rate(1, 0, 0, 10, 4)).isCloseTo(1, within(EPS));
        assertThat(c.rate(1, 2, 0, 10, 4)).isCloseTo(0.5, within(EPS));
        assertThat(c.rate(1, 1, 0, 10, 4)).isCloseTo(0.5 * (1 + Math.cos(Math.PI / 4)), within(EPS));
        LearningRateSchedule st = new LearningRateSchedule.Step(3, 0.1);
        assertThat(st.rate(1, 2, 0, 10, 9)).isCloseTo(1, within(EPS));
        assertThat(st.rate(1, 3, 0, 10, 9)).isCloseTo(0.1, within(EPS));
        assertThat(st.rate(1, 7, 0, 10, 9)).isCloseTo(0.01, within(EPS));
    }

    @Test
    void survivesJsonAndRefusesBadSettings() throws Exception {
        LearningRateSchedule s = new LearningRateSchedule.Cyclic(0.05, 0.0005, 2, 0);
        String json = Json.MAPPER.writeValueAsString(s);
        assertThat(json).contains("\"kind\" : \"cyclic\"");
        assertThat(Json.MAPPER.readValue(json, LearningRateSchedule.class)).isEqualTo(s);
        assertThatThrownBy(() -> new LearningRateSchedule.Step(0, 0.1)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("out of range");
        assertThatThrownBy(() -> new SgdSettings(-1, 0.9, false, 0)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("learning rate -1.0");
        assertThatThrownBy(() -> new TrainingSettings(0, 128, SgdSettings.BENCHMARK,
            new LearningRateSchedule.Reference(), 1, org.modeconn.engine.data.FeatureScaling.Mode.AUTO, 0))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("epochs 0");
    }
}
