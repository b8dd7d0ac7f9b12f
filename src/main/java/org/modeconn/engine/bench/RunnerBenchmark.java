package org.modeconn.engine.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.modeconn.engine.curve.ConnectivityMatrix;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.ArchitectureSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.plane.PlaneSettings;
import org.modeconn.engine.plane.PlaneSlicer;
import org.modeconn.engine.train.SeedTrainings;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.train.TrainingSettings;
import org.modeconn.engine.work.WorkRunner;

/**
 * The workloads of {@code bench --spark}, run on any {@link WorkRunner} so that the in-process baseline and the Spark
 * runs compute the same items: BENCHMARK.md's CNN as a plane through three of four trained networks (full train and
 * test data at every grid point) and the connectivity matrix of the four (a short Bezier fit per pair); and what one
 * plane point of the paper's CIFAR networks costs on this machine, for the projection to more workers.
 */
public final class RunnerBenchmark {

    /** The networks trained for the workloads: seeds 1 to 4. */
    public static final int NETWORKS = 4;
    /** CIFAR's training images, which a paper plane point passes over twice (BatchNorm, then the loss). */
    public static final int CIFAR_TRAIN = 50_000;
    /** CIFAR's test images. */
    public static final int CIFAR_TEST = 10_000;

    private RunnerBenchmark() {
    }

    /**
     * The sizes of the workloads.
     *
     * @param trainEpochs epochs of each of the four CNN trainings
     * @param grid points per axis of the plane
     * @param pairCurveEpochs epochs of each pair's curve fit in the matrix
     * @param matrixPoints points of t along each pair's curve
     */
    public record Settings(int trainEpochs, int grid, int pairCurveEpochs, int matrixPoints) {

        /** Checks the sizes. */
        public Settings {
            if (trainEpochs < 1 || grid < 2 || pairCurveEpochs < 1 || matrixPoints < 2) {
                throw new IllegalArgumentException("sizes " + trainEpochs + ", " + grid + ", " + pairCurveEpochs
                    + ", " + matrixPoints);
            }
        }

        /** The sizes: a 21×21 plane, a matrix of four networks. */
        public static Settings specification() {
            return new Settings(10, 21, 2, ConnectivityMatrix.DEFAULT_POINTS);
        }

        /** Small sizes for a quick look. */
        public static Settings quick() {
            return new Settings(1, 5, 1, 3);
        }
    }

    /** The four CNNs of the workloads (seeds 1 to 4), trained by {@code runner}. */
    public static List<Network> networks(Dataset train, Dataset test, Settings settings, WorkRunner runner,
            TrainingMonitor monitor) {
        ArchitectureSpec cnn = ArchitectureParser.parse(BenchNetwork.CNN.architecture());
        long[] seeds = IntStream.rangeClosed(1, NETWORKS).asLongStream().toArray();
        return runner.run(new SeedTrainings(cnn, train, test, TrainingSettings.benchmark(settings.trainEpochs(), 1, 0),
            seeds), monitor).stream().map(t -> t.result().network()).toList();
    }

    /** The plane through networks 1, 2 and 3, every grid point on the whole train and test data. */
    public static PlaneResult plane(List<Network> networks, Dataset train, Dataset test, Settings settings,
            WorkRunner runner, TrainingMonitor monitor) {
        PlaneSettings plane = new PlaneSettings(settings.grid(), 0.2, 0, 5, 1).withRunner(runner);
        return PlaneSlicer.slice(networks.get(0), networks.get(1), networks.get(2), train, test, plane, monitor);
    }

    /** The connectivity matrix of the networks: a Bezier curve fitted and measured per pair. */
    public static ConnectivityMatrix matrix(List<Network> networks, Dataset train, Dataset test, Settings settings,
            WorkRunner runner, TrainingMonitor monitor) {
        List<String> names = ConnectivityMatrix.memberNames(networks.size());
        return ConnectivityMatrix.ofCurves(networks, names, train, test, settings.matrixPoints(),
            ConnectivityMatrix.pairCurveFit(settings.pairCurveEpochs()), runner, monitor);
    }

    /** Whether two planes hold the same figures, bit for bit. */
    public static boolean identical(PlaneResult a, PlaneResult b) {
        return Arrays.deepEquals(a.trainLoss(), b.trainLoss()) && Arrays.deepEquals(a.trainError(), b.trainError())
            && Arrays.deepEquals(a.testLoss(), b.testLoss()) && Arrays.deepEquals(a.testError(), b.testError());
    }

    /** Whether two matrices hold the same figures, bit for bit. */
    public static boolean identical(ConnectivityMatrix a, ConnectivityMatrix b) {
        return Arrays.deepEquals(a.barrierTrainLoss(), b.barrierTrainLoss())
            && Arrays.deepEquals(a.barrierTestError(), b.barrierTestError());
    }

    /**
     * What one plane point of a paper network costs on this machine.
     *
     * @param network the architecture text
     * @param batchSec one evaluation batch of 128 images, forward only
     * @param batches the batches of one point: a BatchNorm pass over the train data where the network has
     *        BatchNorm, the train data and the test data
     * @param pointSec their product
     */
    public record PointCost(String network, double batchSec, int batches, double pointSec) {
    }

    /**
     * Times a plane point of {@code arch} on CIFAR's sizes from its evaluation batch: the BatchNorm pass is a forward
     * pass in training mode, taken to cost an evaluation batch.
     */
    public static PointCost pointCost(String arch, Consumer<String> log) {
        double batch = PaperNetworksBenchmark.evaluationBatchSec(arch, 3);
        int trainBatches = batchesOf(CIFAR_TRAIN);
        boolean batchNorm = ArchitectureParser.parse(arch).hasBatchNorm();
        int batches = (batchNorm ? 2 : 1) * trainBatches + batchesOf(CIFAR_TEST);
        log.accept(String.format(java.util.Locale.ROOT, "%s: evaluation batch %.3f s, %d batches a point", arch,
            batch, batches));
        return new PointCost(arch, batch, batches, batch * batches);
    }

    private static int batchesOf(int images) {
        return (images + PaperNetworksBenchmark.BATCH - 1) / PaperNetworksBenchmark.BATCH;
    }

    /**
     * The hours a plane of {@code points} points takes on {@code workers} workers like this machine (each one task at
     * a time with all its cores): the points of the busiest worker, plus Spark's fixed cost of a job and each of the
     * worker's tasks, plus sending the data to the worker.
     *
     * @param taskOverheadSec Spark's cost of one task beyond its computation (scheduling, deserialising, sending the
     *        result back), as measured
     * @param jobOverheadSec Spark's fixed cost of a job, as measured
     * @param dataSec sending the data to one worker
     */
    public static double projectedHours(double pointSec, int points, int workers, double taskOverheadSec,
            double jobOverheadSec, double dataSec) {
        int perWorker = (points + workers - 1) / workers;
        // SparkRunner cuts a job into four slices per task slot
        int tasksPerWorker = Math.min(4, perWorker);
        return (perWorker * pointSec + tasksPerWorker * taskOverheadSec + jobOverheadSec + dataSec) / 3600;
    }
}
