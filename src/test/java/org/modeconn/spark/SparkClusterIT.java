package org.modeconn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.EmbeddedMnist;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
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

    private static final List<Process> processes = new ArrayList<>();
    private static Process secondWorker;
    private static String master;

    @BeforeAll
    static void startCluster() throws Exception {
        // Spark and what it needs, as this test's class path has them (its jars: a distribution has no classes folder)
        String classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .filter(e -> e.endsWith(".jar")).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Path home = sparkHome(classpath);
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        processes.add(start(home, classpath, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
            "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        waitForPort(port);
        processes.add(worker(home, classpath, 1));
        secondWorker = worker(home, classpath, 2);
        processes.add(secondWorker);
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** A SPARK_HOME as a distribution lays it out: RELEASE and jars/, which workers launch executors from. */
    private static Path sparkHome(String classpath) throws IOException {
        Path home = TARGET.resolve("spark-it/home");
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        Files.writeString(home.resolve("RELEASE"), "Spark for SparkClusterIT\n");
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            Path jar = Paths.get(entry);
            Path link = jars.resolve(jar.getFileName());
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar);
            }
        }
        return home;
    }

    private static Process worker(Path home, String classpath, int index) throws IOException {
        Path work = TARGET.resolve("spark-it/worker-" + index);
        Files.createDirectories(work);
        return start(home, classpath, "worker-" + index, "org.apache.spark.deploy.worker.Worker", "--host",
            "127.0.0.1", "--cores", "1", "--memory", "3g", "--webui-port", String.valueOf(freePort()), "--work-dir",
            work.toString(), master);
    }

    private static Process start(Path home, String classpath, String name, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx512m", "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // as a distribution's launcher scripts set it (else Spark looks for the build directories of its sources)
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.redirectErrorStream(true);
        pb.redirectOutput(TARGET.resolve("spark-it/" + name + ".log").toFile());
        Files.createDirectories(TARGET.resolve("spark-it"));
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not listen on " + port);
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

        SparkConf conf = new SparkConf().setAppName("SparkClusterIT").setMaster(master)
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
                        secondWorker.descendants().forEach(ProcessHandle::destroyForcibly);
                        secondWorker.destroyForcibly();
                    }
                }
            };
            there = PlaneSlicer.slice(a, b, c, TRAIN, TEST, settings.withRunner(runner), killer);
            matrixThere = ConnectivityMatrix.ofLines(four, names, TRAIN, TEST, 3, runner, TrainingMonitor.NONE);
        }

        assertThat(killed).as("a worker was killed during the plane").isTrue();
        assertThat(secondWorker.isAlive()).isFalse();
        for (int i = 0; i < 6; i++) {
            assertThat(there.trainLoss()[i]).containsExactly(here.trainLoss()[i]);
            assertThat(there.testError()[i]).containsExactly(here.testError()[i]);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(matrixThere.barrierTrainLoss()[i]).containsExactly(matrixHere.barrierTrainLoss()[i]);
            assertThat(matrixThere.barrierTestError()[i]).containsExactly(matrixHere.barrierTestError()[i]);
        }
    }
}
