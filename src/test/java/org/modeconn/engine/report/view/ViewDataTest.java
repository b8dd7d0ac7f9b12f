package org.modeconn.engine.report.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.PathPoint;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.ensemble.IterationRecord;
import org.modeconn.engine.ensemble.SnapshotRecord;
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
            new PathPoint(0.5, 0.3, 3, 0.4, 4.0), new PathPoint(1, 0.1, 1, 0.2, 2.0)), new double[] {0, 1.5, 3});
        PathProfile line = new PathProfile("line", List.of(new PathPoint(0, 0.1, 1, 0.2, 2.0),
            new PathPoint(0.5, 2.1, 50, 2.2, 55.0), new PathPoint(1, 0.1, 1, 0.2, 2.0)), new double[] {0, 1, 2});
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

    @Test
    void aLongFgeRunIsThinnedButKeepsEverySnapshotsIteration() throws Exception {
        List<IterationRecord> iterations = new ArrayList<>();
        for (long i = 1; i <= 7800; i++) {
            iterations.add(new IterationRecord(i, 0.01, 1.0, i * 1e-3));
        }
        List<SnapshotRecord> snapshots = List.of(new SnapshotRecord(1, 1001, 3, 5e-4, 1, 10, 1, 10, 1, 11, 0.1),
            new SnapshotRecord(2, 7777, 20, 5e-4, 1, 9, 0.9, 8, 0.9, 8.5, 0.1));
        JsonNode j = json(FgeRunData.of(HEADER, new EnsembleRunResult(null, snapshots, iterations, List.of(), null, null,
            1)));
        JsonNode shown = j.get("iterations");
        assertThat(shown.size()).isLessThanOrEqualTo(FgeRunData.MAX_ITERATIONS + snapshots.size() + 1);
        Set<Long> ids = new HashSet<>();
        shown.forEach(n -> ids.add(n.get("iteration").asLong()));
        assertThat(ids).contains(1L, 1001L, 7777L, 7800L);
        assertThat(j.get("startTestError").isNull()).isTrue();
    }

    @Test
    void aFineGridIsSentEveryKthPointButContouredWhole() throws Exception {
        int n = 301;
        double[] xs = new double[n];
        double[][] loss = new double[n][n];
        double[][] err = new double[n][n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            for (int k = 0; k < n; k++) {
                loss[i][k] = 1 + i + k;
                err[i][k] = (i + k) / 6.0;
            }
        }
        PlaneResult r = new PlaneResult(xs, xs, loss, err, null, null, new double[][] {{0, 0}, {150, 300}, {300, 0}},
            List.of(), 300, 300, 10, 1);
        JsonNode j = json(PlaneData.of(HEADER, r));
        assertThat(j.get("xs").size()).isLessThanOrEqualTo(PlaneData.MAX_GRID).isGreaterThan(PlaneData.MAX_GRID / 2);
        assertThat(j.get("metrics").get("trainLoss")).hasSize(j.get("ys").size());
        double x1 = j.get("xs").get(1).asDouble();
        assertThat(j.get("metrics").get("trainLoss").get(0).get(1).asDouble()).isEqualTo(1 + x1);
        // A contour of the whole grid has a point on every grid row it crosses.
        JsonNode first = j.get("contours").get("trainError").get(0).get("lines").get(0);
        assertThat(first.size()).isGreaterThan(j.get("xs").size());
    }
}
