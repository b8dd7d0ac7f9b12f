package org.modeconn.engine.network.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.modeconn.engine.backend.NativeArrays;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.TensorShape;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The native buffers of one batch size: every node's output (nodes that work in place share their
 * input's buffer), the gradients at node outputs (taken from a pool by shape while they are live, so that
 * a backward pass holds only a few at once) and each kernel's own scratch. Owned by {@link LayerPasses},
 * which closes it when the batch size is dropped.
 */
final class PassBuffers implements AutoCloseable {

    private final NetworkLayers layers;
    private final int batch;
    private final INDArray[] outputs;
    private final INDArray[] gradients;
    private final BufferPool pool = new BufferPool();
    private final List<INDArray> owned = new ArrayList<>();
    private final Map<Integer, Map<String, Object>> scratch = new HashMap<>();
    private INDArray input;
    private int[] labels;

    private final int[] owner;
    private final boolean inference;
    /** For each node, the buffer owners whose last reader it is (inference buffers give them back then). */
    private final int[][] releasedAfter;

    /**
     * @param layers the layer list
     * @param plan which buffer holds each node's output
     * @param batch the batch size
     * @param inference whether the buffers serve inference only: then a node's output buffer is taken from
     *     the pool just before the node runs and given back after its last reader ran, so that a forward
     *     pass holds a few activations, not all; training buffers keep every output but those the plan
     *     recomputes, which are made for their readers' forward passes and again for their backward passes
     *     ({@link #materialize})
     */
    PassBuffers(NetworkLayers layers, BufferPlan plan, int batch, boolean inference) {
        this.layers = layers;
        this.batch = batch;
        this.owner = plan.owner();
        this.inference = inference;
        this.releasedAfter = plan.inferenceReleases();
        int n = layers.nodes().size();
        outputs = new INDArray[n];
        gradients = new INDArray[n];
        for (LayerNode node : layers.nodes()) {
            int i = node.index();
            if (!inference && !plan.isRecomputed(owner[i])) {
                outputs[i] = owner[i] == i ? own(BufferPool.aligned(shape(node.output()))) : outputs[owner[i]];
            }
        }
    }

    /** In inference buffers, gives node {@code index} its output buffer before it runs. */
    void beforeNode(int index) {
        if (inference) {
            outputs[index] = owner[index] == index ? acquire(shape(layers.nodes().get(index).output()))
                : outputs[owner[index]];
        }
    }

    /** In inference buffers, gives back every buffer whose last reader was node {@code index}. */
    void afterNode(int index) {
        if (!inference) {
            return;
        }
        for (int root : releasedAfter[index]) {
            if (outputs[root] != null) {
                release(outputs[root]);
            }
        }
    }

    /** Whether the output buffer of {@code root} (a transient root) is there now. */
    boolean isMaterialized(int root) {
        return outputs[root] != null;
    }

    /** Gives the transient root {@code root} and the nodes working in its buffer a buffer from the pool. */
    void materialize(int root) {
        if (outputs[root] != null) {
            return;
        }
        INDArray buf = acquire(shape(layers.nodes().get(root).output()));
        for (int i = 0; i < outputs.length; i++) {
            if (owner[i] == root) {
                outputs[i] = buf;
            }
        }
    }

    /** Gives the buffer of the transient root {@code root} back to the pool. */
    void dematerialize(int root) {
        INDArray buf = outputs[root];
        if (buf == null) {
            return;
        }
        for (int i = 0; i < outputs.length; i++) {
            if (owner[i] == root) {
                outputs[i] = null;
            }
        }
        release(buf);
    }

    /** In inference buffers, gives back the classifier's output after it was read. */
    void endInference() {
        if (inference) {
            int last = owner[outputs.length - 1];
            if (outputs[last] != null) {
                release(outputs[last]);
            }
            Arrays.fill(outputs, null);
        }
    }

    /** The batch size. */
    int batch() {
        return batch;
    }

    /** [B, C, H, W] for images, [B, F] for rows. */
    long[] shape(TensorShape s) {
        return s.image() ? new long[] {batch, s.channels(), s.height(), s.width()} : new long[] {batch, s.channels()};
    }

    /** Starts a pass on {@code features} [B, d] (dense row-major) with {@code labels} (null in inference). */
    void begin(INDArray features, int[] labels) {
        INDArray rows = features;
        if (rows.data().addressPointer().address() % 64 != 0) {
            // the kernels read their inputs with aligned loads
            rows = scratchArray(-1, "input", features.shape());
            rows.assign(features);
        }
        this.input = rows.reshape('c', shape(layers.input()));
        this.labels = labels;
        Arrays.fill(gradients, null);
    }

    /** Uses {@code kept} (the input in its kept format, shaped as the input) as the network's input. */
    void replaceInput(INDArray kept) {
        this.input = kept;
    }

    /** The labels of the pass. */
    int[] labels() {
        return labels;
    }

    /** The output of node {@code index} (−1: the network's input). */
    INDArray out(int index) {
        return index < 0 ? input : outputs[index];
    }

    /** The shape of node {@code index}'s output for this batch. */
    long[] outputShape(int index) {
        return shape(index < 0 ? layers.input() : layers.nodes().get(index).output());
    }

    /** The gradient at node {@code index}'s output, which its readers have all written. */
    INDArray gradientAt(int index) {
        INDArray g = gradients[index];
        if (g == null) {
            throw new IllegalStateException("no gradient reached node " + index);
        }
        return g;
    }

    /** Whether node {@code index}'s output needs a gradient (the network's input does not). */
    boolean wantsGradient(int index) {
        return index >= 0;
    }

    /**
     * A pool buffer shaped like node {@code index}'s output, uninitialised, to be handed over with
     * {@link #addGradient} or given back with {@link #release}.
     */
    INDArray newGradient(int index) {
        return acquire(outputShape(index));
    }

    /** A pool buffer of {@code shape}, uninitialised. */
    INDArray acquire(long[] shape) {
        return pool.acquire(shape);
    }

    /** Gives a pool buffer back. */
    void release(INDArray a) {
        pool.release(a);
    }

    /**
     * Adds {@code g} (a pool buffer, handed over) to the gradient at node {@code index}'s output: the first
     * contribution becomes that gradient, later ones are added to it and given back.
     */
    void addGradient(int index, INDArray g) {
        if (index < 0) {
            release(g);
            return;
        }
        INDArray current = gradients[index];
        if (current == null) {
            gradients[index] = g;
        } else {
            current.addi(g);
            release(g);
        }
    }

    /** Like {@link #addGradient}, but {@code g} stays the caller's: it is copied when it starts the gradient. */
    void addGradientCopy(int index, INDArray g) {
        if (index < 0) {
            return;
        }
        INDArray current = gradients[index];
        if (current == null) {
            INDArray copy = newGradient(index);
            copy.assign(g);
            gradients[index] = copy;
        } else {
            current.addi(g);
        }
    }

    /** Gives the gradient at node {@code index}'s output back to the pool once its backward pass is done. */
    void doneWith(int index) {
        INDArray g = gradients[index];
        gradients[index] = null;
        if (g != null) {
            release(g);
        }
    }

    /** Takes the gradient at node {@code index}'s output away from it, for a kernel that reuses it in place. */
    INDArray takeGradient(int index) {
        INDArray g = gradientAt(index);
        gradients[index] = null;
        return g;
    }

    /**
     * A kernel's scratch object for this batch size, made once; arrays are made with {@link #scratchArray}, so
     * that they are freed with the pass.
     */
    @SuppressWarnings("unchecked")
    <T> T scratch(int node, String key, Supplier<T> make) {
        return (T) scratch.computeIfAbsent(node, k -> new HashMap<>()).computeIfAbsent(key, k -> make.get());
    }

    /** A scratch array of {@code shape} for node {@code node}, made once per batch size. */
    INDArray scratchArray(int node, String key, long... shape) {
        return scratch(node, key, () -> own(BufferPool.aligned(shape)));
    }

    /** A row of constant {@code values} for node {@code node} (a divisor, a mask), made and filled once per batch size. */
    INDArray constantRow(int node, String key, float[] values) {
        return scratch(node, key, () -> {
            INDArray a = own(BufferPool.aligned(1, values.length));
            NativeOps.copy(values, a);
            return a;
        });
    }

    private final Map<String, INDArray> shared = new HashMap<>();

    /**
     * A staging buffer of at least {@code floats} values shared by every node of the pass (kernels run one
     * at a time, so one buffer per purpose serves them all: a convolution's weights in its primitive's
     * layout, their gradient), grown when a node needs more; its contents last only within one kernel call.
     */
    INDArray shared(String purpose, long floats) {
        INDArray a = shared.get(purpose);
        if (a == null || a.length() < floats) {
            if (a != null) {
                owned.remove(a);
                NativeArrays.free(a);
            }
            a = own(BufferPool.aligned(floats));
            shared.put(purpose, a);
        }
        return a.length() == floats ? a : a.get(NDArrayIndex.interval(0, floats));
    }

    /** The number of pool buffers taken and not given back. */
    int buffersInUse() {
        return pool.inUse();
    }

    /** The floats of the buffers kept for the batch size (activations, pool, scratch arrays). */
    long keptFloats() {
        long n = 0;
        for (INDArray a : owned) {
            n += a.length();
        }
        return n + pool.floats();
    }

    /** The native buffers under every array this pass made (activations, scratch, shared, pooled), for the tests. */
    List<DataBuffer> madeBuffers() {
        List<DataBuffer> out = new ArrayList<>();
        owned.forEach(a -> out.add(NativeArrays.allocation(a)));
        pool.arrays().forEach(a -> out.add(NativeArrays.allocation(a)));
        return out;
    }

    private INDArray own(INDArray a) {
        owned.add(a);
        return a;
    }

    @Override
    public void close() {
        // Every owned array is one of BufferPool.aligned's views: freed through the allocation under it.
        for (INDArray a : owned) {
            NativeArrays.free(a);
        }
        owned.clear();
        pool.close();
        for (Map<String, Object> byKey : scratch.values()) {
            for (Object o : byKey.values()) {
                if (o instanceof AutoCloseable c && !(o instanceof INDArray)) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("could not free a kernel's primitives", e);
                    }
                }
            }
        }
        scratch.clear();
    }
}
