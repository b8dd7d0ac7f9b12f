package org.modeconn.engine.train;

import org.modeconn.engine.network.kernels.LayerPasses;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Loss and error of a network on a whole data set, in inference mode (BatchNorm on its running
 * statistics), batch by batch.
 */
public final class NetworkEvaluator {

    /**
     * Examples per forward pass during evaluation: a multiple of the layer kernels' chunk, so that the
     * passes see the chunk and the data's tail alone, never a third size per pass.
     */
    public static final int BATCH = 4 * LayerPasses.MAX_ROWS;
    /** Probabilities are clipped here before the log, as Deeplearning4j's loss does. */
    static final double MIN_PROBABILITY = 1e-10;

    private NetworkEvaluator() {
    }

    /** Mean cross-entropy and error % of {@code network} on {@code data}. */
    public static Metrics evaluate(ExecutableNetwork network, BatchSource data) {
        return metrics(probabilities(network, data), data.labels(), data.numClasses());
    }

    /** Class probabilities of every row of {@code data}, row-major [N, C]. */
    public static float[] probabilities(ExecutableNetwork network, BatchSource data) {
        int c = data.numClasses();
        float[] all = new float[data.size() * c];
        for (int from = 0; from < data.size(); from += BATCH) {
            int count = Math.min(BATCH, data.size() - from);
            float[] p = probabilities(network, data.slice(from, count).features());
            System.arraycopy(p, 0, all, from * c, count * c);
        }
        return all;
    }

    /** Mean cross-entropy and error % of probabilities [N, C] against labels. */
    public static Metrics metrics(float[] probabilities, int[] labels, int classes) {
        double lossSum = 0;
        int wrong = 0;
        for (int i = 0; i < labels.length; i++) {
            lossSum -= Math.log(Math.max(probabilities[i * classes + labels[i]], MIN_PROBABILITY));
            if (argMax(probabilities, i * classes, classes) != labels[i]) {
                wrong++;
            }
        }
        return new Metrics(lossSum / labels.length, 100.0 * wrong / labels.length, labels.length);
    }

    /** Class probabilities of a batch as a row-major float array [B, C]. */
    public static float[] probabilities(ExecutableNetwork network, INDArray features) {
        INDArray out = network.predict(features);
        INDArray asFloat = out.castTo(DataType.FLOAT);
        INDArray rows = asFloat.dup('c');
        float[] p = rows.data().asFloat();
        // Freed at once: evaluations run this for every batch of every point of a curve or plane.
        ExecutableNetwork.release(rows);
        if (asFloat != out) {
            ExecutableNetwork.release(asFloat);
        }
        ExecutableNetwork.release(out);
        return p;
    }

    /** The index of the largest of {@code p[from .. from+n)}; the first on ties. */
    public static int argMax(float[] p, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (p[from + k] > p[from + best]) {
                best = k;
            }
        }
        return best;
    }
}
