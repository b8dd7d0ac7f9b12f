package org.modeconn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.CurveEvaluator;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.ensemble.EnsembleComparison;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.InProcessRunner;

/**
 * Independent work on Spark in this JVM ({@code local[2]}): planes, curve evaluations and connectivity matrices with
 * the same figures, bit for bit, as in this process's threads with as many threads per item as a Spark task gets.
 */
class SparkRunnerTest {

    private static SparkRunner spark;

    @BeforeAll
    static void start() {
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        spark = SparkRunner.start("local[2]", "SparkRunnerTest");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static final Dataset TRAIN = EmbeddedMnist.train().head(400);
    private static final Dataset TEST = EmbeddedMnist.test().head(200);

    /** A small VGG with BatchNorm on the digits, initialised from {@code seed}. */
    private static Network network(long seed) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("vggbn:8,M,16,M/16"), 784,
            new org.modeconn.engine.data.ImageShape(1, 28, 28), TRAIN.classNames());
        return new Network(spec, FeatureScaling.pixels(784), ParameterLayouts.layoutOf(spec).initialise(seed), null,
            null);
    }

    /** A context whose items compute with as many threads as a Spark task here. */
    private static ComputeContext asATask() {
        return ComputeContext.open(ComputeOptions.fromSystem().withThreads(spark.taskCpus()));
    }

    @Test
    void aPlaneOnSparkEqualsThePlaneInProcessBitForBit() {
        Dataset train = TRAIN;
        Dataset test = TEST;
        Network a = network(1);
        Network b = network(2);
        Network c = network(3);
        PlaneSettings settings = new PlaneSettings(5, 0.2, 300, 5, 2);
        PlaneResult here;
        PlaneResult there;
        try (ComputeContext context = asATask()) {
            here = PlaneSlicer.slice(a, b, c, train, test, settings, TrainingMonitor.NONE);
            there = PlaneSlicer.slice(a, b, c, train, test, settings.withRunner(spark), TrainingMonitor.NONE);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(there.trainLoss()[i]).containsExactly(here.trainLoss()[i]);
            assertThat(there.trainError()[i]).containsExactly(here.trainError()[i]);
            assertThat(there.testLoss()[i]).containsExactly(here.testLoss()[i]);
            assertThat(there.testError()[i]).containsExactly(here.testError()[i]);
            for (int j = 0; j < 5; j++) {
                assertThat(here.trainLoss()[i][j]).isPositive().isFinite();
            }
        }
    }

    @Test
    void aCurveEvaluationOnSparkEqualsTheInProcessOneBitForBit() {
        CurveModel curve = CurveModel.line(network(1), network(2));
        CurveEvaluation here;
        CurveEvaluation there;
        try (ComputeContext context = asATask()) {
            here = CurveEvaluator.evaluate(curve, TRAIN, TEST, 5, new InProcessRunner(2), true, TrainingMonitor.NONE);
            there = CurveEvaluator.evaluate(curve, TRAIN, TEST, 5, spark, true, TrainingMonitor.NONE);
        }
        assertThat(there.curve().points()).isEqualTo(here.curve().points());
        assertThat(there.line().points()).isEqualTo(here.line().points());
        assertThat(there.ensembleTestError()).isEqualTo(here.ensembleTestError());
        assertThat(here.curve().points()).hasSize(5);
    }

    @Test
    void aConnectivityMatrixOnSparkEqualsTheInProcessOneBitForBit() {
        List<Network> networks = List.of(network(1), network(2), network(3), network(4));
        List<String> names = List.of("a", "b", "c", "d");
        ConnectivityMatrix here;
        ConnectivityMatrix there;
        try (ComputeContext context = asATask()) {
            here = ConnectivityMatrix.ofLines(networks, names, TRAIN, TEST, 3, new InProcessRunner(2),
                TrainingMonitor.NONE);
            there = ConnectivityMatrix.ofLines(networks, names, TRAIN, TEST, 3, spark, TrainingMonitor.NONE);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(there.barrierTrainLoss()[i]).containsExactly(here.barrierTrainLoss()[i]);
            assertThat(there.barrierTestError()[i]).containsExactly(here.barrierTestError()[i]);
        }
        assertThat(here.barrierTrainLoss()[0][3]).isNotZero();
    }

    @Test
    void aMasterThatCannotBeReachedIsRefusedBeforeSparkStartsWithWhatToCheck() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> SparkRunner.requireReachable("spark://127.0.0.1:" + closed))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be reached")
            .hasMessageContaining("start-master.sh");
        SparkRunner.requireReachable("local[2]");
    }

    @Test
    void theEnsembleComparisonsIndependentRunsOnSparkGiveTheInProcessTable() {
        EnsembleComparison.Settings settings = new EnsembleComparison.Settings(2, new SgdSettings(0.05, 0.9, false,
            5e-4), 2, 0, 0.05, 5e-4, 64, 0.5, Augmentation.NONE);
        var arch = ArchitectureParser.parse("mlp:16");
        List<EnsembleComparison.Row> here;
        List<EnsembleComparison.Row> there;
        try (ComputeContext context = asATask()) {
            here = EnsembleComparison.run(arch, TRAIN, TEST, settings, new InProcessRunner(2), line -> { },
                TrainingMonitor.NONE);
            there = EnsembleComparison.run(arch, TRAIN, TEST, settings, spark, line -> { }, TrainingMonitor.NONE);
        }
        assertThat(there).isEqualTo(here);
        assertThat(here).extracting(EnsembleComparison.Row::method).containsExactly("Ind", "Ind", "SSE", "SSE", "FGE",
            "FGE");
    }
}
