package org.modeconn.engine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveFitResult;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.layers.StepFlops;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdOptimizer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's CIFAR networks at their real size: one SGD step (forward, backward, momentum and weight
 * decay) and one evaluation batch of 128 random 3×32×32 images with 10 classes, per network, beside the
 * reference's figures of ANCHORS.md; and one epoch of Bezier curve fitting of PreResNet-20 on 1,024 images.
 */
public final class PaperNetworksBenchmark {

    /** The images of one step. */
    public static final int BATCH = 128;
    /** The image shape of CIFAR. */
    public static final ImageShape CIFAR = new ImageShape(3, 32, 32);

    private static final List<String> CLASSES = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    private PaperNetworksBenchmark() {
    }

    /**
     * One network's figures.
     *
     * @param network its architecture text
     * @param parameters trainable parameters
     * @param trainStepSec median seconds of one training step
     * @param evalBatchSec median seconds of one evaluation batch
     * @param steps timed training steps
     * @param peakRssMb the process's peak resident memory while it ran
     * @param referenceTrainStepSec the reference's step on its machine (ANCHORS.md), or NaN
     * @param referenceEvalBatchSec the reference's evaluation batch, or NaN
     */
    public record Row(String network, long parameters, double trainStepSec, double evalBatchSec, int steps,
            double peakRssMb, double referenceTrainStepSec, double referenceEvalBatchSec) {
    }

    /**
     * Times {@code networks} (architecture texts), each with {@code steps} timed training steps after one
     * warm-up step, and as many evaluation batches.
     */
    public static List<Row> run(List<String> networks, int steps, Consumer<String> log) {
        List<Row> rows = new ArrayList<>();
        for (String arch : networks) {
            NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), CIFAR.size(), CIFAR, CLASSES);
            long parameters = ParameterLayouts.layoutOf(spec).trainableSize();
            log.accept(String.format(Locale.ROOT, "%s: %,d parameters", arch, parameters));
            try (PeakMemory memory = PeakMemory.start()) {
                Dataset data = randomImages(BATCH, 1);
                try (BatchSource source = BatchSource.of(data, FeatureScaling.none(CIFAR.size()));
                        ExecutableNetwork net = ExecutableNetwork.create(spec);
                        SgdOptimizer sgd = stepOptimizer(net)) {
                    BatchSource.Batch batch = source.slice(0, BATCH);
                    net.setParameters(net.layout().initialise(1));
                    double[] train = new double[steps];
                    double[] eval = new double[steps];
                    sgd.train(net, batch, 0.05);
                    net.predict(batch.features()).close();
                    for (int i = 0; i < steps; i++) {
                        long t = System.nanoTime();
                        sgd.train(net, batch, 0.05);
                        train[i] = (System.nanoTime() - t) / 1e9;
                        t = System.nanoTime();
                        net.predict(batch.features()).close();
                        eval[i] = (System.nanoTime() - t) / 1e9;
                        log.accept(String.format(Locale.ROOT, "%s: step %.3f s, evaluation batch %.3f s", arch, train[i],
                            eval[i]));
                    }
                    double[] ref = ReferenceAnchors.paperNetwork(arch);
                    rows.add(new Row(arch, parameters, median(train), median(eval), steps, memory.rssMb(), ref[0], ref[1]));
                }
            }
        }
        return rows;
    }

    /**
     * The median seconds of one evaluation batch (128 random CIFAR images, forward only) of {@code arch}, over
     * {@code batches} timed batches after one warm-up, in the current compute context.
     */
    public static double evaluationBatchSec(String arch, int batches) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), CIFAR.size(), CIFAR, CLASSES);
        Dataset data = randomImages(BATCH, 1);
        try (BatchSource source = BatchSource.of(data, FeatureScaling.none(CIFAR.size()));
                ExecutableNetwork net = ExecutableNetwork.create(spec)) {
            BatchSource.Batch batch = source.slice(0, BATCH);
            net.setParameters(net.layout().initialise(1));
            net.predict(batch.features()).close();
            double[] seconds = new double[batches];
            for (int i = 0; i < batches; i++) {
                long t = System.nanoTime();
                net.predict(batch.features()).close();
                seconds[i] = (System.nanoTime() - t) / 1e9;
            }
            return median(seconds);
        }
    }

    /**
     * Several identical trainings of one network at once in this process, as KNIME runs parallel branches.
     *
     * @param network its architecture text
     * @param trainings how many ran at once
     * @param stepSec each training's median step while all ran, in seconds
     * @param aloneStepSec the median step of one training alone, timed just before in this process
     * @param throughputVsAlone the steps per second of all trainings together over those of one alone
     * @param peakRssMb the process's peak resident memory while they ran
     */
    public record ConcurrentRow(String network, int trainings, double[] stepSec, double aloneStepSec,
            double throughputVsAlone, double peakRssMb) {
    }

    /**
     * Times {@code trainings} trainings of {@code arch} running at once, each on its own network, optimiser and
     * batch in its own thread: after one warm-up step each, all start their {@code steps} timed steps together.
     */
    public static ConcurrentRow concurrent(String arch, int trainings, int steps, double aloneStepSec,
            Consumer<String> log) {
        if (trainings < 2) {
            throw new IllegalArgumentException("--concurrent needs 2 or more trainings, not " + trainings);
        }
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), CIFAR.size(), CIFAR, CLASSES);
        CyclicBarrier start = new CyclicBarrier(trainings);
        double[][] times = new double[trainings][steps];
        ExecutorService pool = Executors.newFixedThreadPool(trainings);
        // each training opens its own context, as each KNIME node execution does
        ComputeOptions options = ComputeContext.current().options();
        try (PeakMemory memory = PeakMemory.start()) {
            List<Future<?>> runs = new ArrayList<>();
            for (int k = 0; k < trainings; k++) {
                int which = k;
                runs.add(pool.submit(() -> {
                    Dataset data = randomImages(BATCH, 1 + which);
                    try (ComputeContext run = ComputeContext.open(options);
                            BatchSource source = BatchSource.of(data, FeatureScaling.none(CIFAR.size()));
                            ExecutableNetwork net = ExecutableNetwork.create(spec, run);
                            SgdOptimizer sgd = stepOptimizer(net)) {
                        BatchSource.Batch batch = source.slice(0, BATCH);
                        net.setParameters(net.layout().initialise(1 + which));
                        sgd.train(net, batch, 0.05);
                        start.await();
                        for (int i = 0; i < steps; i++) {
                            long t = System.nanoTime();
                            sgd.train(net, batch, 0.05);
                            times[which][i] = (System.nanoTime() - t) / 1e9;
                            log.accept(String.format(Locale.ROOT, "%s, training %d of %d at once: step %.3f s", arch,
                                which + 1, trainings, times[which][i]));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
            double[] each = new double[trainings];
            double stepsPerSec = 0;
            for (int k = 0; k < trainings; k++) {
                each[k] = median(times[k]);
                stepsPerSec += 1 / each[k];
            }
            return new ConcurrentRow(arch, trainings, each, aloneStepSec, stepsPerSec * aloneStepSec,
                memory.rssMb());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a concurrent training failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Where one training step's time goes, by kind of kernel.
     *
     * @param network its architecture text
     * @param steps profiled steps (after one warm-up step)
     * @param byKind kernel kind (its class) to the median seconds of its forward and backward passes per step, summed
     *     over the network's nodes of that kind, largest total first
     * @param matmulGflops this machine's single-precision matrix-product rate (a 4096³ product), measured just before
     * @param stepGflop the step's work in its products ({@link StepFlops}) on a batch of {@value #BATCH}
     */
    public record StepProfile(String network, int steps, Map<String, double[]> byKind, double matmulGflops,
            double stepGflop) {

        /** The products' rate over a step of {@code stepSec}, as a share of the matrix product's rate. */
        public double shareOfMatmul(double stepSec) {
            return stepGflop / stepSec / matmulGflops;
        }
    }

    /** Profiles {@code steps} training steps of {@code arch} per kernel kind, beside the matrix-product rate. */
    public static StepProfile profile(String arch, int steps, Consumer<String> log) {
        double gflops = matmulGflops();
        log.accept(String.format(Locale.ROOT, "matrix product 4096³: %.0f GFLOP/s", gflops));
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), CIFAR.size(), CIFAR, CLASSES);
        Map<String, List<double[]>> samples = new java.util.TreeMap<>();
        Dataset data = randomImages(BATCH, 1);
        try (BatchSource source = BatchSource.of(data, FeatureScaling.none(CIFAR.size()));
                ExecutableNetwork net = ExecutableNetwork.create(spec)) {
            BatchSource.Batch batch = source.slice(0, BATCH);
            net.setParameters(net.layout().initialise(1));
            net.profileStep(batch.features(), batch.labels());
            for (int i = 0; i < steps; i++) {
                Map<String, double[]> byKind = new java.util.TreeMap<>();
                net.profileStep(batch.features(), batch.labels()).forEach((key, t) -> {
                    double[] sum = byKind.computeIfAbsent(key.split(" ")[0], k -> new double[2]);
                    sum[0] += t[0];
                    sum[1] += t[1];
                });
                byKind.forEach((kind, t) -> samples.computeIfAbsent(kind, k -> new ArrayList<>()).add(t));
                log.accept(String.format(Locale.ROOT, "%s: profiled step %d of %d", arch, i + 1, steps));
            }
        }
        Map<String, double[]> medians = new java.util.LinkedHashMap<>();
        samples.entrySet().stream().map(e -> Map.entry(e.getKey(), new double[] {
            median(e.getValue().stream().mapToDouble(t -> t[0]).toArray()),
            median(e.getValue().stream().mapToDouble(t -> t[1]).toArray())}))
            .sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
            .forEach(e -> medians.put(e.getKey(), e.getValue()));
        double stepGflop = StepFlops.of(spec.layers()).perStep(BATCH) / 1e9;
        return new StepProfile(arch, steps, medians, gflops, stepGflop);
    }

    /** Single-precision GFLOP/s of a 4096 × 4096 matrix product here (median of three, after one warm-up). */
    static double matmulGflops() {
        int n = 4096;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        try {
            double[] t = new double[3];
            a.mmuli(b, c);
            for (int i = 0; i < t.length; i++) {
                long start = System.nanoTime();
                a.mmuli(b, c);
                t[i] = (System.nanoTime() - start) / 1e9;
            }
            return 2.0 * n * n * n / median(t) / 1e9;
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    /** The reference's SGD of one timed step: lr 0.05, momentum 0.9, weight decay 5e-4. */
    private static SgdOptimizer stepOptimizer(ExecutableNetwork net) {
        return new SgdOptimizer(new SgdSettings(0.05, 0.9, false, 5e-4), net.layout(), net.parameters(),
            net.gradients());
    }

    /** One epoch of Bezier curve fitting (3 bends) between two PreResNet-20s on 1,024 random images. */
    public static CurveFitResult curveEpoch(String arch, int images, Consumer<String> log) {
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse(arch), CIFAR.size(), CIFAR, CLASSES);
        var layout = ParameterLayouts.layoutOf(spec);
        Network start = new Network(spec, FeatureScaling.none(CIFAR.size()), layout.initialise(1), null, null);
        Network end = new Network(spec, FeatureScaling.none(CIFAR.size()), layout.initialise(2), null, null);
        CurveFitSettings s = new CurveFitSettings(CurveType.BEZIER, 3, true, true, 1, BATCH,
            new SgdSettings(0.015, 0.9, false, 5e-4), new LearningRateSchedule.Constant(), 1);
        log.accept(arch + ": one Bezier curve epoch on " + images + " images");
        return CurveFitter.fit(start, end, randomImages(images, 2), s, TrainingMonitor.NONE);
    }

    /** Uniform random pixels in [0, 1) with labels cycling through the classes. */
    static Dataset randomImages(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * CIFAR.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        int[] y = IntStream.range(0, n).map(i -> i % CLASSES.size()).toArray();
        return new Dataset("random images", x, CIFAR.size(), y,
            IntStream.range(0, CIFAR.size()).mapToObj(j -> "p" + j).toList(), CLASSES, CIFAR, false);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
