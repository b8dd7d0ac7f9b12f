package org.modeconn.engine.sharpness;

import java.nio.FloatBuffer;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.BatchResult;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.train.BatchSource;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Products of the Hessian of a network's mean training loss with vectors, as central differences of the engine's
 * exact gradients along the vector: Hv ≈ ‖v‖ (∇L(θ + εu) − ∇L(θ − εu)) / 2ε with u = v / ‖v‖ and ε the step times
 * ‖θ‖. The loss is the evaluation mode's: a network with BatchNorm runs as its {@link EvaluationModeSurrogate}.
 * Owns the executable network and the batches it runs on.
 */
final class HessianVectorProducts implements AutoCloseable {

    private final ExecutableNetwork network;
    /** Null without BatchNorm. */
    private final EvaluationModeSurrogate surrogate;
    /** The surrogate's gradient, summed over batches (null without BatchNorm). */
    private final double[] surrogateGradient;
    /** The surrogate's parameters at the point of a gradient, reused by every product (null without BatchNorm). */
    private final float[] surrogateWeights;
    private final BatchSource batches;
    private final float[] weights;
    private final int rows;
    private final double step;
    private final double weightNorm;
    // a product's working arrays, made once: a product runs two gradient passes over every batch
    private final float[] plus;
    private final float[] minus;
    private final double[] down;
    private int products;

    /** Over the first {@code rows} rows of {@code train}, at {@code at}'s weights. */
    HessianVectorProducts(Network at, Dataset train, int rows, double step) {
        Dataset aligned = NetworkInputs.align(at.spec(), train, "training data");
        this.rows = Math.min(rows, aligned.numExamples());
        this.batches = BatchSource.of(aligned.head(this.rows), at.scaling());
        this.weights = at.parameters();
        this.surrogate = at.spec().architecture().hasBatchNorm() ? EvaluationModeSurrogate.of(at.spec()) : null;
        if (surrogate == null) {
            this.network = ExecutableNetwork.of(at);
            this.surrogateGradient = null;
            this.surrogateWeights = null;
        } else {
            this.network = ExecutableNetwork.create(surrogate.spec());
            this.surrogateGradient = new double[surrogate.size()];
            this.surrogateWeights = new float[surrogate.size()];
        }
        this.step = step;
        double squares = 0;
        for (float w : weights) {
            squares += (double) w * w;
        }
        // a step relative to the weights moves each of them by about as many of its float units whatever the size
        // of the network; an absolute step along a unit vector would vanish below their resolution in a large one
        this.weightNorm = Math.sqrt(squares);
        this.plus = new float[weights.length];
        this.minus = new float[weights.length];
        this.down = new double[weights.length];
    }

    /** The rows of the loss. */
    int rows() {
        return rows;
    }

    /** The parameters. */
    int size() {
        return weights.length;
    }

    /** The products computed so far. */
    int products() {
        return products;
    }

    /** The mean loss at the weights. */
    double loss() {
        return lossAndGradient(new double[weights.length]);
    }

    /** The mean loss at the weights, and its gradient into {@code into}. */
    double lossAndGradient(double[] into) {
        return gradient(weights, into);
    }

    /** H v. */
    double[] times(double[] v) {
        double norm = Lanczos.norm(v);
        double epsilon = step * weightNorm;
        for (int i = 0; i < weights.length; i++) {
            double move = epsilon * v[i] / norm;
            plus[i] = (float) (weights[i] + move);
            minus[i] = (float) (weights[i] - move);
        }
        double[] up = new double[weights.length];
        gradient(plus, up);
        gradient(minus, down);
        double scale = norm / (2 * epsilon);
        for (int i = 0; i < up.length; i++) {
            up[i] = (up[i] - down[i]) * scale;
        }
        products++;
        return up;
    }

    /** The gradient of the mean loss at {@code at} into {@code into}; returns the mean loss. */
    private double gradient(float[] at, double[] into) {
        if (surrogate == null) {
            return networkGradient(at, into);
        }
        // the running statistics stay the network's own: constants of the evaluation-mode loss
        surrogate.parametersInto(at, weights, surrogateWeights);
        double loss = networkGradient(surrogateWeights, surrogateGradient);
        surrogate.gradient(surrogateGradient, weights, into);
        return loss;
    }

    /** The executable network's gradient of the mean loss at {@code at} into {@code into}; returns the mean loss. */
    private double networkGradient(float[] at, double[] into) {
        network.setParameters(at);
        java.util.Arrays.fill(into, 0);
        double loss = 0;
        for (int from = 0; from < rows; from += SharpnessSettings.BATCH) {
            int count = Math.min(SharpnessSettings.BATCH, rows - from);
            BatchSource.Batch batch = batches.slice(from, count);
            BatchResult r = network.computeGradient(batch.features(), batch.oneHot(), batch.labels());
            // each batch's gradient is its mean: weighted by its rows, the sum is the mean over all rows
            addGradient(into, count);
            loss += r.loss() * count;
        }
        for (int i = 0; i < into.length; i++) {
            into[i] /= rows;
        }
        return loss / rows;
    }

    /**
     * Adds {@code weight} times the network's last gradient to {@code into}, read where the gradient lies in host
     * memory rather than copied out as a new array for every batch.
     */
    private void addGradient(double[] into, int weight) {
        INDArray g = network.gradients();
        if (g.length() != into.length || g.elementWiseStride() != 1) {
            float[] copy = g.toFloatVector();
            for (int i = 0; i < copy.length; i++) {
                into[i] += (double) copy[i] * weight;
            }
            return;
        }
        Nd4j.getAffinityManager().ensureLocation(g, AffinityManager.Location.HOST);
        FloatBuffer values = g.data().asNioFloat();
        int offset = (int) g.offset();
        for (int i = 0; i < into.length; i++) {
            into[i] += (double) values.get(offset + i) * weight;
        }
    }

    @Override
    public void close() {
        network.close();
        batches.close();
    }
}
