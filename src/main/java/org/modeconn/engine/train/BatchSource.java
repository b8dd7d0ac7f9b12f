package org.modeconn.engine.train;

import java.util.Arrays;
import org.modeconn.engine.backend.ComputeBackend;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A data set materialised once on the compute device, scaled for one network: features [N, d] and
 * one-hot labels [N, C]. Shuffled batches are gathered into reused buffers, so the training loop
 * allocates nothing per batch; unshuffled batches are views. Holds native memory: whoever makes one
 * closes it.
 */
public final class BatchSource implements AutoCloseable {

    private final INDArray features;
    private final INDArray oneHot;
    private final int[] labels;
    private final int numClasses;
    private INDArray xBuffer;
    private INDArray yBuffer;
    private INDArray xTail;
    private INDArray yTail;

    private BatchSource(INDArray features, INDArray oneHot, int[] labels, int numClasses) {
        this.features = features;
        this.oneHot = oneHot;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    /** Scales {@code data} with {@code scaling} and copies it to the device. */
    public static BatchSource of(Dataset data, FeatureScaling scaling) {
        ComputeBackend.initialise();
        int n = data.numExamples();
        int d = data.numFeatures();
        float[] x = data.scaledFeatures(scaling);
        INDArray features = Nd4j.createFromArray(x).reshape('c', n, d);
        float[] y = new float[n * data.numClasses()];
        int[] labels = data.labels();
        for (int i = 0; i < n; i++) {
            y[i * data.numClasses() + labels[i]] = 1f;
        }
        INDArray oneHot = Nd4j.createFromArray(y).reshape('c', n, data.numClasses());
        return new BatchSource(features, oneHot, labels.clone(), data.numClasses());
    }

    /** N. */
    public int size() {
        return labels.length;
    }

    /** The number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /** The label of every row. */
    public int[] labels() {
        return labels.clone();
    }

    /** Batches of {@code batchSize} per pass, the last one possibly smaller (nothing is dropped). */
    public int batchesPerEpoch(int batchSize) {
        return (labels.length + batchSize - 1) / batchSize;
    }

    /**
     * The rows {@code order[from .. from+count)} gathered into a reused buffer: valid until the next call
     * with the same count.
     */
    public Batch gather(int[] order, int from, int count) {
        int[] rows = Arrays.copyOfRange(order, from, from + count);
        INDArray x;
        INDArray y;
        if (xBuffer == null || xBuffer.size(0) == count) {
            if (xBuffer == null) {
                xBuffer = Nd4j.create(features.dataType(), count, features.size(1));
                yBuffer = Nd4j.create(oneHot.dataType(), count, numClasses);
            }
            x = xBuffer;
            y = yBuffer;
        } else {
            if (xTail == null || xTail.size(0) != count) {
                xTail = Nd4j.create(features.dataType(), count, features.size(1));
                yTail = Nd4j.create(oneHot.dataType(), count, numClasses);
            }
            x = xTail;
            y = yTail;
        }
        Nd4j.pullRows(features, x, 1, rows);
        Nd4j.pullRows(oneHot, y, 1, rows);
        int[] l = new int[count];
        for (int i = 0; i < count; i++) {
            l[i] = labels[rows[i]];
        }
        return new Batch(x, y, l);
    }

    /** The whole feature matrix [N, d], scaled (callers must not change it). */
    public INDArray features() {
        return features;
    }

    /** Rows {@code from .. from+count)} in data order, as views. */
    public Batch slice(int from, int count) {
        INDArray x = features.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
        INDArray y = oneHot.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all());
        return new Batch(x, y, Arrays.copyOfRange(labels, from, from + count));
    }

    /** Frees the data and the batch buffers on the device; batches and slices taken are invalid afterwards. */
    @Override
    public void close() {
        for (INDArray a : new INDArray[] {features, oneHot, xBuffer, yBuffer, xTail, yTail}) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
        xBuffer = null;
        yBuffer = null;
        xTail = null;
        yTail = null;
    }

    /**
     * One batch.
     *
     * @param features [B, d]
     * @param oneHot [B, C]
     * @param labels [B] class indices
     */
    public record Batch(INDArray features, INDArray oneHot, int[] labels) {
        /** B. */
        public int size() {
            return labels.length;
        }
    }
}
