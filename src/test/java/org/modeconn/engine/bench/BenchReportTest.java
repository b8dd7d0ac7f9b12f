package org.modeconn.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.layers.StepFlops;
import org.modeconn.engine.record.EpochRecord;
import org.modeconn.engine.train.TrainingMonitor;

import com.fasterxml.jackson.databind.node.ObjectNode;

class BenchReportTest {

    private static BenchReport report(final BenchSettings s) {
        NetworkFigures f = new NetworkFigures().put("endpoint_sec_per_epoch", 0.484).put("eval_sec", 9.53)
            .put("endpoint_test_error_seed1", 4.5).put("peak_rss_mb", 900);
        return new BenchReport(s, List.of(new BenchReport.Entry(BenchNetwork.MLP, f)));
    }

    @Test
    void timesAreComparedAsRatiosAndQualityBesideTheReference() {
        BenchReport r = report(BenchSettings.specification(List.of(BenchNetwork.MLP),
            EnumSet.allOf(BenchOperation.class)));
        String table = r.table();
        assertThat(table).contains("0.484 (×2.00)").contains("9.53 (×0.50)").contains("4.50 (ref 4.41)");
        ObjectNode json = r.json();
        assertThat(json.path("MLP").path("endpoint_sec_per_epoch").asDouble()).isEqualTo(0.484);
        assertThat(json.path("MLP").path("endpoint_sec_per_epoch_ratio_to_reference").asDouble())
            .isEqualTo(0.484 / 0.242);
        assertThat(json.path("MLP").path("endpoint_test_error_seed1_reference").asDouble()).isEqualTo(4.41);
        assertThat(json.path("environment").path("backend").asText()).isNotBlank();
        assertThat(json.path("environment").path("specification_sizes").asBoolean()).isTrue();
    }

    @Test
    void aQuickRunComparesOnlyPerEpochTimes() {
        String table = report(BenchSettings.quick(List.of(BenchNetwork.MLP), EnumSet.of(BenchOperation.EVAL))).table();
        assertThat(table).contains("quick run").contains("0.484 (×2.00)").contains("9.53\n").doesNotContain("×0.50")
            .doesNotContain("ref 4.41");
    }

    @Test
    void theMedianOfEpochTimes() {
        List<EpochRecord> a = List.of(epoch(3), epoch(1));
        List<EpochRecord> b = List.of(epoch(2), epoch(10));
        assertThat(Benchmark.median(a, b)).isEqualTo(2.5);
        assertThat(Benchmark.median(a, List.of(epoch(2)))).isEqualTo(2);
    }

    @Test
    void anUnknownFigureOrNothingToRunIsRefused() {
        assertThatThrownBy(() -> new NetworkFigures().put("speed", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchSettings.specification(List.of(), EnumSet.allOf(BenchOperation.class)))
            .hasMessageContaining("nothing to run");
    }

    @Test
    void scaleModeTimesACurveEpochAndComparesMemoryWithTheExpectation() {
        List<ScaleBenchmark.Row> rows = ScaleBenchmark.run(List.of(300_000L), s -> { });
        ScaleBenchmark.Row r = rows.get(0);
        assertThat(r.parameters()).isBetween(290_000L, 310_000L);
        assertThat(r.seconds()).isPositive();
        assertThat(r.expectedMb()).isEqualTo(6 * r.parameters() * 4 / (1024.0 * 1024.0));
        assertThat(r.peakRssMb()).isPositive();
    }

    @Test
    void concurrentTrainingsEachReportTheirStepsAndTheThroughputIsRelativeToOneAlone() {
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        PaperNetworksBenchmark.ConcurrentRow c = PaperNetworksBenchmark.concurrent("preresnet:8", 2, 2, 0.5,
            lines::add);
        assertThat(c.trainings()).isEqualTo(2);
        assertThat(c.stepSec()).hasSize(2);
        assertThat(java.util.Arrays.stream(c.stepSec()).min().orElseThrow()).isPositive();
        assertThat(c.throughputVsAlone()).isCloseTo(0.5 * (1 / c.stepSec()[0] + 1 / c.stepSec()[1]),
            org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lines).anyMatch(l -> l.contains("training 1 of 2")).anyMatch(l -> l.contains("training 2 of 2"));
        assertThatThrownBy(() -> PaperNetworksBenchmark.concurrent("preresnet:8", 1, 2, 0.5, l -> { }))
            .hasMessageContaining("2 or more");
    }

    @Test
    void aStepProfileSplitsTheStepByKernelKindLargestFirst() {
        PaperNetworksBenchmark.StepProfile p = PaperNetworksBenchmark.profile("preresnet:8", 2, s -> { });
        assertThat(p.byKind()).isNotEmpty().allSatisfy((kind, t) -> {
            assertThat(kind).endsWith("Kernel");
            assertThat(t[0]).isNotNegative();
            assertThat(t[1]).isNotNegative();
        });
        assertThat(p.byKind().keySet()).anyMatch(k -> k.contains("Conv")).anyMatch(k -> k.contains("BatchNorm"));
        double[] totals = p.byKind().values().stream().mapToDouble(t -> t[0] + t[1]).toArray();
        for (int i = 1; i < totals.length; i++) {
            assertThat(totals[i]).isLessThanOrEqualTo(totals[i - 1]);
        }
        assertThat(p.matmulGflops()).isPositive();
        assertThat(p.stepGflop()).isEqualTo(StepFlops.of(new NetworkSpec(ArchitectureParser.parse("preresnet:8"),
            PaperNetworksBenchmark.CIFAR.size(), PaperNetworksBenchmark.CIFAR, List.of("0", "1", "2", "3", "4", "5",
            "6", "7", "8", "9")).layers()).perStep(PaperNetworksBenchmark.BATCH) / 1e9);
    }

    private static EpochRecord epoch(final double seconds) {
        return new EpochRecord(1, 0.1, 1, 1, null, null, seconds);
    }

    @Test
    void theAlignOperationGivesTheLineBeforeAndAfterAndTheAlignedCurve() {
        BenchSettings tiny = new BenchSettings(List.of(BenchNetwork.MLP), EnumSet.of(BenchOperation.ALIGN), 2, 1, 1, 2,
            3, 2, 0);
        BenchReport r = Benchmark.run(EmbeddedMnist.train().head(400), EmbeddedMnist.test().head(100), tiny, s -> { },
            TrainingMonitor.NONE);
        Map<String, Double> f = r.entries().get(0).figures().values();
        for (String key : List.of("line_barrier_test_error", "line_barrier_train_loss",
            "aligned_line_barrier_test_error", "aligned_line_barrier_train_loss", "aligned_bezier_barrier_train_loss",
            "align_sec")) {
            assertThat(f.get(key)).as(key).isNotNull().isFinite();
        }
        assertThat(f.get("align_sweeps")).isBetween(1.0, 100.0);
        assertThat(r.table()).contains("aligned line: barrier, test error (points)");
        // The specification's run leaves the operation out.
        assertThat(BenchOperation.specification()).doesNotContain(BenchOperation.ALIGN).contains(BenchOperation.PLANE);
    }
}
