package org.modeconn.engine.ensemble;

import java.util.List;

import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.NetworkEvaluator;

/**
 * The running mean of several networks' softmax outputs on one data set, accumulated one member at a
 * time, so that an ensemble is evaluated without holding its members.
 */
public final class EnsembleAccumulator {

    private final BatchSource data;
    private final int[] labels;
    private final double[] sum;
    private final int classes;
    private int members;

    /** An empty ensemble over {@code data}. */
    public EnsembleAccumulator(BatchSource data) {
        this.data = data;
        this.labels = data.labels();
        this.classes = data.numClasses();
        this.sum = new double[data.size() * classes];
    }

    /**
     * An empty ensemble of members whose probabilities were computed elsewhere ({@link #add(float[])} only), over
     * examples of these labels.
     */
    public EnsembleAccumulator(int[] labels, int classes) {
        this.data = null;
        this.labels = labels.clone();
        this.classes = classes;
        this.sum = new double[labels.length * classes];
    }

    /** Adds {@code network}'s predictions and returns that member's own figures. */
    public Metrics add(ExecutableNetwork network) {
        if (data == null) {
            throw new IllegalStateException("an ensemble of probabilities computed elsewhere has no data to predict");
        }
        float[] probs = NetworkEvaluator.probabilities(network, data);
        return add(probs);
    }

    /** Adds a network's softmax outputs (the network made executable for this and freed again). */
    public Metrics add(Network network) {
        try (ExecutableNetwork net = ExecutableNetwork.of(network)) {
            return add(net);
        }
    }

    /** Adds one member's probabilities ([N, C] row-major) and returns its own figures. */
    public Metrics add(float[] probs) {
        if (probs.length != sum.length) {
            throw new IllegalArgumentException("expected " + sum.length + " probabilities, got " + probs.length);
        }
        for (int i = 0; i < probs.length; i++) {
            sum[i] += probs[i];
        }
        members++;
        return NetworkEvaluator.metrics(probs, labels, classes);
    }

    /** How many members were added. */
    public int members() {
        return members;
    }

    /** The ensemble's mean probabilities ([N, C] row-major). */
    public float[] meanProbabilities() {
        float[] mean = new float[sum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / members);
        }
        return mean;
    }

    /** The ensemble's figures. */
    public Metrics metrics() {
        return NetworkEvaluator.metrics(meanProbabilities(), labels, classes);
    }

    /** The ensemble's error (%). */
    public double errorPercent() {
        return metrics().errorPercent();
    }

    /** The test figures of the mean softmax of some networks (for example the Ind baseline of two endpoints). */
    public static Metrics ensembleOf(List<Network> networks, Dataset test) {
        Network first = networks.get(0);
        try (BatchSource data = BatchSource.of(NetworkInputs.align(first.spec(), test, "test data"), first.scaling())) {
            EnsembleAccumulator e = new EnsembleAccumulator(data);
            for (Network n : networks) {
                e.add(n);
            }
            return e.metrics();
        }
    }
}
