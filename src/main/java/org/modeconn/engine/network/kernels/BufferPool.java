package org.modeconn.engine.network.kernels;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.modeconn.engine.backend.NativeArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native float buffers by shape, 64-byte aligned, taken and given back while a pass runs, so that a pass
 * allocates nothing once its batch size has been seen. Owned by {@link PassBuffers}, which closes it.
 */
final class BufferPool implements AutoCloseable {

    /** Floats of a cache line: oneDNN's kernels (Winograd's among them) read buffers with aligned loads. */
    private static final int ALIGNMENT = 16;

    private final Map<String, ArrayDeque<INDArray>> free = new HashMap<>();
    private final Map<INDArray, Boolean> taken = new IdentityHashMap<>();

    /** A buffer of {@code shape}, uninitialised. */
    INDArray acquire(long[] shape) {
        ArrayDeque<INDArray> ofShape = free.get(Arrays.toString(shape));
        INDArray a = ofShape == null || ofShape.isEmpty() ? aligned(shape) : ofShape.pop();
        taken.put(a, Boolean.TRUE);
        return a;
    }

    /** Gives a buffer back; arrays the pool did not hand out are left alone. */
    void release(INDArray a) {
        if (taken.remove(a) != null) {
            free.computeIfAbsent(Arrays.toString(a.shape()), k -> new ArrayDeque<>()).push(a);
        }
    }

    /** The number of buffers taken and not given back. */
    int inUse() {
        return taken.size();
    }

    /** Every buffer the pool holds, taken or free. */
    java.util.List<INDArray> arrays() {
        java.util.List<INDArray> out = new java.util.ArrayList<>(taken.keySet());
        free.values().forEach(out::addAll);
        return out;
    }

    /** The floats of every buffer the pool holds, taken or free. */
    long floats() {
        long n = 0;
        for (ArrayDeque<INDArray> ofShape : free.values()) {
            for (INDArray a : ofShape) {
                n += a.length();
            }
        }
        for (INDArray a : taken.keySet()) {
            n += a.length();
        }
        return n;
    }

    /**
     * A new uninitialised 'c'-order array of {@code shape} whose first value starts on a 64-byte boundary,
     * as a view into a slightly larger buffer (ND4J's own allocations are only 16-byte aligned).
     */
    static INDArray aligned(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        INDArray base = Nd4j.createUninitialized(DataType.FLOAT, n + ALIGNMENT);
        long address = base.data().addressPointer().address();
        long skip = ((64 - address % 64) % 64) / Float.BYTES;
        long[] stride = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = step;
            step *= shape[i];
        }
        return Nd4j.create(base.data(), shape, stride, skip, 'c');
    }

    /** Frees every buffer: each is a view of {@link #aligned}, whose close() would free nothing. */
    @Override
    public void close() {
        for (ArrayDeque<INDArray> ofShape : free.values()) {
            for (INDArray a : ofShape) {
                NativeArrays.free(a);
            }
        }
        for (INDArray a : taken.keySet()) {
            NativeArrays.free(a);
        }
        free.clear();
        taken.clear();
    }
}
