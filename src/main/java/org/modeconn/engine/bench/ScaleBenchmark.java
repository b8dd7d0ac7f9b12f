package org.modeconn.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.modeconn.engine.curve.CurveFitResult;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurveFitter;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.MlpSpec;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * How curve fitting scales with the network: one Bezier epoch (3 bends) for MLPs of given parameter counts
 * on synthetic data, with its time and memory against the expected (bends + 3) × parameters × 4 bytes.
 */
public final class ScaleBenchmark {

    private static final int BENDS = 3;

    private static final int ROWS = 1024;

    private static final int FEATURES = 784;

    private ScaleBenchmark() {
    }

    /**
     * One size's figures.
     *
     * @param parameters trainable parameters of the network
     * @param width the width of its two hidden layers
     * @param seconds one curve epoch (8 batches of 128)
     * @param peakRssMb the process's peak resident memory during the epoch
     * @param peakOffHeapMb ND4J's peak native memory during the epoch
     * @param expectedMb (bends + 3) × parameters × 4 bytes: bends, curve point, gradient, momentum, one spare
     */
    public record Row(long parameters, int width, double seconds, double peakRssMb, double peakOffHeapMb,
            double expectedMb) {

        /** Seconds per million parameters: constant when the cost is linear. */
        public double secondsPerMillion() {
            return seconds / (parameters / 1e6);
        }
    }

    /** Runs each target size once (1, 10 and 50 million parameters in the scale mode). */
    public static List<Row> run(List<Long> targetParameters, Consumer<String> log) {
        Dataset data = synthetic();
        List<Row> rows = new ArrayList<>();
        for (long target : targetParameters) {
            int width = (int) Math.round((-796 + Math.sqrt(796.0 * 796 + 4.0 * (target - 10))) / 2);
            NetworkSpec spec = new NetworkSpec(new MlpSpec(List.of(width, width), false), FEATURES, null,
                data.classNames());
            var layout = ParameterLayouts.layoutOf(spec);
            long p = layout.trainableSize();
            log.accept(String.format(java.util.Locale.ROOT, "MLP 784-%d-%d-10: %,d parameters", width, width, p));
            Network start = new Network(spec, FeatureScaling.none(FEATURES), layout.initialise(1), null, null);
            Network end = new Network(spec, FeatureScaling.none(FEATURES), layout.initialise(2), null, null);
            CurveFitSettings s = new CurveFitSettings(CurveType.BEZIER, BENDS, true, true, 1, 128,
                new SgdSettings(0.015, 0.9, false, 5e-4), new LearningRateSchedule.Constant(), 1);
            try (PeakMemory memory = PeakMemory.start()) {
                CurveFitResult r = CurveFitter.fit(start, end, data, s, TrainingMonitor.NONE);
                rows.add(new Row(p, width, r.history().get(0).seconds(), memory.rssMb(), memory.offHeapMb(),
                    (BENDS + 3) * p * 4 / (1024.0 * 1024.0)));
            }
        }
        return rows;
    }

    private static Dataset synthetic() {
        Random r = new Random(3);
        float[] x = new float[ROWS * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        int[] y = IntStream.range(0, ROWS).map(i -> i % 10).toArray();
        return new Dataset("synthetic", x, FEATURES, y, IntStream.range(0, FEATURES).mapToObj(j -> "x" + j).toList(),
            IntStream.range(0, 10).mapToObj(Integer::toString).toList(), null, false);
    }
}
