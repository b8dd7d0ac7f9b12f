package org.modeconn.engine.report.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.PathPoint;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.JsonNode;

class ViewDataTest {

    private static final ViewHeader HEADER = new ViewHeader("Title", "sub", List.of("CPU only"));

    private static JsonNode json(ViewData d) throws Exception {
        return Json.MAPPER.readTree(d.toJson());
    }

    @Test
    void learningCurvesCarryTheHeaderAndMissingFiguresAsNull() throws Exception {
        JsonNode j = json(LearningCurvesData.of(HEADER, List.of(new EpochRecord(1, 0.05, 2.0, 60, null, null, 1.5),
            new EpochRecord(2, 0.04, Double.NaN, 40, 1.0, 30.0, 1.4))));
        assertThat(j.get("view").asText()).isEqualTo("learning-curves");
        assertThat(j.get("title").asText()).isEqualTo("Title");
        assertThat(j.get("notes").get(0).asText()).isEqualTo("CPU only");
        assertThat(j.get("epochs")).hasSize(2);
        assertThat(j.get("epochs").get(0).get("testLoss").isNull()).isTrue();
        assertThat(j.get("epochs").get(1).get("trainLoss").isNull()).isTrue();
        assertThat(j.get("epochs").get(1).get("testError").asDouble()).isEqualTo(30.0);
    }

    @Test
    void aProfileMarksEachPathsHighestTrainLoss() throws Exception {
        PathProfile curve = new PathProfile("curve", List.of(new PathPoint(0, 0.1, 1, 0.2, 2.0),
            new PathPoint(0.5, 0.3, 3, 0.4, 4.0), new PathPoint(1, 0.1, 1, 0.2, 2.0)));
        PathProfile line = new PathProfile("line", List.of(new PathPoint(0, 0.1, 1, 0.2, 2.0),
            new PathPoint(0.5, 2.1, 50, 2.2, 55.0), new PathPoint(1, 0.1, 1, 0.2, 2.0)));
        JsonNode j = json(CurveProfileData.of(HEADER, new CurveEvaluation(curve, line, 1.5, 3, 1.8, 1.0)));
        assertThat(j.get("paths")).hasSize(2);
        JsonNode b = j.get("paths").get(1).get("barrier");
        assertThat(b.get("t").asDouble()).isEqualTo(0.5);
        assertThat(b.get("height").asDouble()).isEqualTo(2.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(j.get("ensembleTestError").asDouble()).isEqualTo(1.5);
    }

    @Test
    void aPlaneHasEveryMetricWithItsContoursAndPoints() throws Exception {
        double[] xs = {0, 1, 2};
        double[] ys = {0, 1};
        double[][] loss = {{0.1, 1, 10}, {0.2, 2, 20}};
        double[][] err = {{1, 5, 9}, {2, 6, 10}};
        PlaneResult r = new PlaneResult(xs, ys, loss, err, null, null, new double[][] {{0, 0}, {1, 1}, {2, 0}},
            List.of(new double[] {0, 0}, new double[] {1, 0.5}), 2, 1, 100, 0.5);
        JsonNode j = json(PlaneData.of(HEADER, r));
        assertThat(j.get("metrics").has("trainLoss")).isTrue();
        assertThat(j.get("metrics").has("testLoss")).isFalse();
        assertThat(j.get("metrics").get("trainLoss").get(1).get(2).asDouble()).isEqualTo(20);
        assertThat(j.get("contours").get("trainLoss")).hasSize(PlaneData.CONTOUR_LEVELS);
        // Loss levels are spaced in log10 between 0.1 and 20: the first lies above 0.1, the last below 20.
        double first = j.get("contours").get("trainLoss").get(0).get("level").asDouble();
        assertThat(first).isGreaterThan(0.1).isLessThan(0.3);
        assertThat(j.get("points").get(1).get("name").asText()).isEqualTo("theta");
        assertThat(j.get("curve")).hasSize(2);
    }
}
