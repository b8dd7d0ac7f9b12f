package org.modeconn.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.io.NetworkFile;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.InProcessRunner;

/**
 * A real standalone Spark cluster on 127.0.0.1: a master and two workers of one core, each a JVM of its own, whose
 * executors (JVMs again) load the Spark application jar. A plane and a connectivity matrix run on it; one worker,
 * with its executor, is killed in the middle of the plane; both results are complete and equal, bit for bit, to the
 * in-process run with one thread per item.
 */
class SparkClusterIT {

    private static final Path TARGET = Paths.get("target").toAbsolutePath();
    private static final Dataset TRAIN = EmbeddedMnist.train().head(600);
    private static final Dataset TEST = EmbeddedMnist.test().head(300);

    private static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        // Spark and what it needs, as this test's class path has them (its jars: a distribution has no classes folder)
        cluster = StandaloneCluster.start(StandaloneCluster.jarsOfThisClassPath(), TARGET.resolve("spark-it"), 2, 1,
            "3g");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static Network network(long seed) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("vggbn:16,M,32,M/32"), 784,
            new ImageShape(1, 28, 28), TRAIN.classNames());
        return new Network(spec, FeatureScaling.pixels(784), ParameterLayouts.layoutOf(spec).initialise(seed), null,
            null);
    }

    @Test
    void aPlaneAndAConnectivityMatrixSurviveALostWorkerWithTheInProcessFigures() throws Exception {
        Network a = network(1);
        Network b = network(2);
        Network c = network(3);
        List<Network> four = List.of(a, b, c, network(4));
        List<String> names = List.of("a", "b", "c", "d");
        PlaneSettings settings = new PlaneSettings(6, 0.2, 0, 5, 2);
        PlaneResult here;
        ConnectivityMatrix matrixHere;
        try (ComputeContext context = ComputeContext.open(ComputeOptions.fromSystem().withThreads(1))) {
            here = PlaneSlicer.slice(a, b, c, TRAIN, TEST, settings, TrainingMonitor.NONE);
            matrixHere = ConnectivityMatrix.ofLines(four, names, TRAIN, TEST, 3, new InProcessRunner(2),
                TrainingMonitor.NONE);
        }

        SparkConf conf = new SparkConf().setAppName("SparkClusterIT").setMaster(cluster.url())
            .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.enabled", "false").set("spark.executor.memory", "2g")
            .set("spark.jars", TARGET.resolve("modeconn-spark.jar").toString())
            .set("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE");
        AtomicBoolean killed = new AtomicBoolean();
        PlaneResult there;
        ConnectivityMatrix matrixThere;
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkRunner runner = SparkRunner.on(spark);
            // the second worker and its executor die once the first tasks are done
            TrainingMonitor killer = new TrainingMonitor() {
                @Override
                public void onBatch(double fraction, int epoch, int batch, double loss, double learningRate) {
                    if (batch >= 1 && killed.compareAndSet(false, true)) {
                        cluster.killWorker(2);
                    }
                }
            };
            there = PlaneSlicer.slice(a, b, c, TRAIN, TEST, settings.withRunner(runner), killer);
            matrixThere = ConnectivityMatrix.ofLines(four, names, TRAIN, TEST, 3, runner, TrainingMonitor.NONE);
        }

        assertThat(killed).as("a worker was killed during the plane").isTrue();
        assertThat(cluster.workerAlive(2)).isFalse();
        for (int i = 0; i < 6; i++) {
            assertThat(there.trainLoss()[i]).containsExactly(here.trainLoss()[i]);
            assertThat(there.testError()[i]).containsExactly(here.testError()[i]);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(matrixThere.barrierTrainLoss()[i]).containsExactly(matrixHere.barrierTrainLoss()[i]);
            assertThat(matrixThere.barrierTestError()[i]).containsExactly(matrixHere.barrierTestError()[i]);
        }
    }

    @Test
    void anExecutorLargerThanAnyWorkerIsReportedWithTheSettingToChange() {
        SparkConf conf = new SparkConf().setAppName("SparkClusterIT-too-large").setMaster(cluster.url())
            .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.enabled", "false").set("spark.executor.memory", "8g")
            .set("spark.jars", TARGET.resolve("modeconn-spark.jar").toString())
            .set(SparkRunner.EXECUTOR_WAIT_KEY, "10");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            PlaneSettings settings = new PlaneSettings(3, 0.2, 0, 5, 1).withRunner(SparkRunner.on(spark));
            assertThatThrownBy(() -> PlaneSlicer.slice(network(1), network(2), network(3), TRAIN, TEST, settings,
                TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("No Spark executor took").hasMessageContaining("spark.executor.memory 8g")
                .hasMessageContaining("--conf spark.executor.memory=2g");
        }
    }

    @Test
    void anExecutorThatRunsOutOfMemoryIsReportedWithTheSettingToChange() {
        // 100,000 rows of 784 floats (313 MB) cannot be unpacked in an executor of 512 MB
        int rows = 100_000;
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % 10;
        }
        Dataset big = new Dataset("too large", new float[rows * 784], 784, labels, TRAIN.featureNames(),
            TRAIN.classNames(), new ImageShape(1, 28, 28), true);
        SparkConf conf = new SparkConf().setAppName("SparkClusterIT-out-of-memory").setMaster(cluster.url())
            .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.ui.enabled", "false").set("spark.executor.memory", "512m")
            .set("spark.jars", TARGET.resolve("modeconn-spark.jar").toString());
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            PlaneSettings settings = new PlaneSettings(2, 0.2, 0, 5, 1).withRunner(SparkRunner.on(spark));
            assertThatThrownBy(() -> PlaneSlicer.slice(network(1), network(2), network(3), big, null, settings,
                TrainingMonitor.NONE)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ran out of memory on a Spark executor")
                .hasMessageContaining("--conf spark.executor.memory=4g");
        }
    }

    /**
     * The README's way: {@code spark-submit --master spark://… --class ModeConnCli modeconn-spark.jar COMMAND … --spark}
     * (its launcher script ends in Spark's {@code SparkSubmit}, which this runs as a JVM of its own), the master from
     * Spark's configuration. The plane and the connectivity matrix it writes are those of the plain command-line jar.
     */
    @Test
    void sparkSubmitRunsThePlaneAndTheMatrixCommandsOnTheClusterWithThePlainJarsFigures() throws Exception {
        Path dir = TARGET.resolve("spark-it").resolve("submit");
        Files.createDirectories(dir);
        List<String> nets = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Path file = dir.resolve("n" + i + ".net");
            NetworkFile.write(network(10 + i), file);
            nets.add(file.toString());
        }
        List<String> matrix = new ArrayList<>(List.of("connectivity", "--threads", "1", "--points", "3",
            "--networks"));
        matrix.addAll(nets);
        List<String> plane = List.of("plane", "--threads", "1", "--around", nets.get(0), "--grid", "3", "--reach",
            "0.5");

        List<String> plain = List.of(java(), "-jar", TARGET.resolve("modeconn-cli.jar").toString());
        List<String> submit = new ArrayList<>(List.of(java()));
        submit.addAll(sparkLauncherOptions());
        submit.addAll(List.of("-cp", String.join(File.pathSeparator, StandaloneCluster.jarsOfThisClassPath().stream()
            .map(Path::toString).toList()), "org.apache.spark.deploy.SparkSubmit", "--master", cluster.url(),
            "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.executor.memory=2g", "--conf",
            "spark.ui.enabled=false", "--class", "org.modeconn.cli.ModeConnCli",
            TARGET.resolve("modeconn-spark.jar").toString()));

        run(dir, "matrix-here", plain, matrix, "--csv", dir.resolve("matrix-here.csv"));
        run(dir, "matrix-there", submit, matrix, "--spark", "--csv", dir.resolve("matrix-there.csv"));
        run(dir, "plane-here", plain, plane, "--csv", dir.resolve("plane-here.csv"));
        run(dir, "plane-there", submit, plane, "--spark", "--csv", dir.resolve("plane-there.csv"));

        assertThat(Files.readString(dir.resolve("matrix-there.log"))).contains("pairs: Spark").contains(cluster.url());
        assertThat(Files.readString(dir.resolve("plane-there.log"))).contains("grid points: Spark")
            .contains(cluster.url());
        assertThat(Files.readAllLines(dir.resolve("matrix-there.csv"))).hasSize(1 + 6)
            .isEqualTo(Files.readAllLines(dir.resolve("matrix-here.csv")));
        assertThat(Files.readAllLines(dir.resolve("plane-there.csv"))).hasSize(1 + 9)
            .isEqualTo(Files.readAllLines(dir.resolve("plane-here.csv")));
    }

    private static void run(Path dir, String name, List<String> launcher, List<String> command, Object... more)
            throws Exception {
        List<String> line = new ArrayList<>(launcher);
        line.addAll(command);
        for (Object m : more) {
            line.add(m.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(name + " ends").isTrue();
        assertThat(p.exitValue()).as(name + ": " + Files.readString(dir.resolve(name + ".log"))).isZero();
    }

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The JVM options this test runs with that Spark's launcher would give a driver on Java 17+. */
    private static List<String> sparkLauncherOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                || a.startsWith("-Djdk.reflect.") || a.startsWith("-Dio.netty."))
            .toList();
    }
}
