package org.modeconn.engine.train;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.modeconn.engine.backend.NativeArrays;
import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.data.ImageAugmenter;
import org.modeconn.engine.data.ImageShape;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A data set materialised once on the compute device, scaled for one network: features [N, d] and
 * one-hot labels [N, C]. Shuffled batches are gathered into reused buffers, so the training loop
 * allocates nothing per batch, and augmented there when the source is made for training with an augmentation;
 * unshuffled batches are views, never augmented. Holds native memory: whoever makes one closes it.
 */
public final class BatchSource implements AutoCloseable {

    private final INDArray features;
    private final INDArray oneHot;
    private final int[] labels;
    private final int numClasses;
    private final ImageAugmenter augmenter;
    private FloatBuffer featureValues;
    private INDArray xBuffer;
    private INDArray yBuffer;
    private INDArray xTail;
    private INDArray yTail;
    private FloatBuffer xValues;
    private FloatBuffer xTailValues;
    private final ComputeContext context;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BatchSource(INDArray features, INDArray oneHot, int[] labels, int numClasses, ImageAugmenter augmenter,
            ComputeContext context) {
        this.context = context;
        this.features = features;
        this.oneHot = oneHot;
        this.labels = labels;
        this.numClasses = numClasses;
        this.augmenter = augmenter;
    }

    /** Scales {@code data} with {@code scaling} and copies it to the device; its batches are never augmented. */
    public static BatchSource of(Dataset data, FeatureScaling scaling) {
        return of(data, scaling, Augmentation.NONE, 0);
    }

    /**
     * As {@link #of(Dataset, FeatureScaling)}, for training: shuffled batches are augmented as {@code augmentation}
     * says, decided by {@code seed}, the epoch and the example.
     */
    public static BatchSource of(Dataset data, FeatureScaling scaling, Augmentation augmentation, long seed) {
        ImageShape shape = data.imageShape().orElse(null);
        ImageAugmenter augmenter = augmentation.isNone() ? null
            : augmentation.forImages(shape, shape == null ? new float[0] : scaling.blackPerChannel(shape), seed);
        // the run's context loads ND4J with its backend before the first array is made, and owns the data's copy
        ComputeContext context = ComputeContext.current();
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
        return context.own(new BatchSource(features, oneHot, labels.clone(), data.numClasses(), augmenter, context));
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

    /** Whether shuffled batches are augmented. */
    public boolean augments() {
        return augmenter != null;
    }

    /**
     * The rows {@code order[from .. from+count)} gathered into a reused buffer, augmented as drawn for
     * {@code epoch} when this source augments: valid until the next call with the same count.
     */
    public Batch gather(int[] order, int from, int count, int epoch) {
        int[] rows = Arrays.copyOfRange(order, from, from + count);
        INDArray x;
        INDArray y;
        FloatBuffer xView;
        if (xBuffer == null || xBuffer.size(0) == count) {
            if (xBuffer == null) {
                xBuffer = Nd4j.create(features.dataType(), count, features.size(1));
                yBuffer = Nd4j.create(oneHot.dataType(), count, numClasses);
                xValues = augmenter == null ? null : hostView(xBuffer);
            }
            x = xBuffer;
            y = yBuffer;
            xView = xValues;
        } else {
            if (xTail == null || xTail.size(0) != count) {
                closeIfOpen(xTail);
                closeIfOpen(yTail);
                xTail = Nd4j.create(features.dataType(), count, features.size(1));
                yTail = Nd4j.create(oneHot.dataType(), count, numClasses);
                xTailValues = augmenter == null ? null : hostView(xTail);
            }
            x = xTail;
            y = yTail;
            xView = xTailValues;
        }
        if (augmenter == null) {
            Nd4j.pullRows(features, x, 1, rows);
        } else {
            augmentInto(x, xView, rows, epoch);
        }
        Nd4j.pullRows(oneHot, y, 1, rows);
        int[] l = new int[count];
        for (int i = 0; i < count; i++) {
            l[i] = labels[rows[i]];
        }
        return new Batch(x, y, l);
    }

    private void augmentInto(INDArray x, FloatBuffer xView, int[] rows, int epoch) {
        AffinityManager affinity = Nd4j.getAffinityManager();
        if (featureValues == null) {
            featureValues = hostView(features);
        }
        affinity.ensureLocation(x, AffinityManager.Location.HOST);
        for (int i = 0; i < rows.length; i++) {
            augmenter.apply(featureValues, rows[i], xView, i, epoch);
        }
        // Written through the host view: a GPU backend must copy the batch over before it is used.
        affinity.tagLocation(x, AffinityManager.Location.HOST);
    }

    /** The host memory of a dense array as floats, read and written in place (after a sync on a GPU). */
    private static FloatBuffer hostView(INDArray a) {
        Nd4j.getAffinityManager().ensureLocation(a, AffinityManager.Location.HOST);
        return a.data().asNioFloat();
    }

    private static void closeIfOpen(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        context.release(this);
        // the data are reshaped views, which ND4J's close() leaves alone: their allocations are freed under them
        NativeArrays.free(features);
        NativeArrays.free(oneHot);
        for (INDArray a : new INDArray[] {xBuffer, yBuffer, xTail, yTail}) {
            closeIfOpen(a);
        }
        featureValues = null;
        xValues = null;
        xTailValues = null;
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
