package org.modeconn.engine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;
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
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdOptimizer;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;

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
                        ExecutableNetwork net = ExecutableNetwork.create(spec)) {
                    BatchSource.Batch batch = source.slice(0, BATCH);
                    net.setParameters(net.layout().initialise(1));
                    SgdOptimizer sgd = new SgdOptimizer(new SgdSettings(0.05, 0.9, false, 5e-4), net.layout(),
                        net.parameters(), net.gradients());
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
