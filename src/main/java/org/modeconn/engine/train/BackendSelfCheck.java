package org.modeconn.engine.train;

import java.util.List;
import java.util.Random;

import org.modeconn.engine.backend.ComputeOptions;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageShape;
import org.modeconn.engine.network.ArchitectureParser;
import org.modeconn.engine.network.MlpSpec;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Proves that the compute backend works where the engine runs (a console, KNIME's OSGi class loaders): it
 * trains a small network on two synthetic clusters and checks that it learns.
 */
public final class BackendSelfCheck {

    private BackendSelfCheck() {
    }

    /**
     * A one-line report: backend, device, the class loader ND4J was loaded by, final train error.
     *
     * @throws IllegalStateException if the network does not learn the clusters
     */
    public static String run() {
        try (ComputeContext context = ComputeContext.open(ComputeOptions.fromSystem(),
            BackendSelfCheck.class.getClassLoader())) {
            return run(context);
        }
    }

    private static String run(ComputeContext context) {
        int n = 256;
        int d = 8;
        float[] x = new float[n * d];
        int[] y = new int[n];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float)(r.nextGaussian() + (y[i] == 0 ? -1.5 : 1.5));
            }
        }
        Dataset data = new Dataset("two clusters", x, d, y, java.util.stream.IntStream.range(0, d)
            .mapToObj(j -> "f" + j).toList(), List.of("a", "b"), null, false);
        TrainingSettings s = new TrainingSettings(3, 32, new SgdSettings(0.05, 0.9, false, 0),
            new LearningRateSchedule.Constant(), 1, FeatureScaling.Mode.STANDARDIZE, 0);
        TrainingResult result = EndpointTrainer.train(new MlpSpec(List.of(16), false), data, null, s,
            TrainingMonitor.NONE);
        Metrics m = result.finalTrain();
        if (!(m.errorPercent() < 10)) {
            throw new IllegalStateException("The self-check network did not learn two separated clusters (train error "
                + m.errorPercent() + "%): the backend " + context.describe() + " computes wrongly.");
        }
        String kernels = convolutionStep();
        return context.describe() + "; ND4J loaded by " + Nd4j.class.getClassLoader().getClass().getName()
            + "; train error " + m.errorPercent() + "%; " + kernels;
    }

    /** One training step of a small residual network, so that the layer kernels' native library loads too. */
    private static String convolutionStep() {
        ImageShape shape = new ImageShape(2, 8, 8);
        NetworkSpec spec = new NetworkSpec(ArchitectureParser.parse("preresnet:8"), shape.size(), shape,
            List.of("a", "b"));
        Random r = new Random(3);
        float[] x = new float[4 * shape.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        try (ExecutableNetwork net = ExecutableNetwork.create(spec)) {
            net.setParameters(net.layout().initialise(1));
            double loss = net.computeGradient(Nd4j.createFromArray(x).reshape(4, shape.size()),
                Nd4j.createFromArray(new float[] {1, 0, 0, 1, 1, 0, 0, 1}).reshape(4, 2), new int[] {0, 1, 0, 1}).loss();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("The self-check residual network gave a loss of " + loss
                    + ": the layer kernels compute wrongly.");
            }
        }
        return "a residual network's step ran";
    }
}
