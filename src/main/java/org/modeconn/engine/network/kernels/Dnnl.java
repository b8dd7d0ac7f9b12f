package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.Pointer;
import org.modeconn.engine.network.layers.TensorShape;

/**
 * oneDNN on the CPU: its engine and stream (one per process: primitives are executed one at a time per
 * network, and oneDNN's own threads do the parallel work), the memory formats the kernels keep tensors in,
 * and primitive descriptors. oneDNN picks its instruction set (AVX2, AVX-512, AMX) when it runs.
 */
final class Dnnl {

    private static final Object LOCK = new Object();
    private static volatile Dnnl instance;
    private static volatile String unavailable;

    final dnnl_engine engine = new dnnl_engine();

    private Dnnl() {
        check(dnnl_engine_create(engine, dnnl_cpu, 0), "creating oneDNN's CPU engine");
    }

    /**
     * Why oneDNN cannot run here (its library does not load, its engine cannot be made), or null where it can.
     * Asked once per process: a library that failed to load does not load later; the cause is kept to be reported.
     */
    static String unavailability() {
        String a = unavailable;
        if (a == null) {
            try {
                get();
                a = "";
            } catch (LinkageError | RuntimeException e) {
                a = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            unavailable = a;
        }
        return a.isEmpty() ? null : a;
    }

    /** The process's oneDNN engine. */
    static Dnnl get() {
        Dnnl d = instance;
        if (d == null) {
            synchronized (LOCK) {
                d = instance;
                if (d == null) {
                    d = new Dnnl();
                    instance = d;
                }
            }
        }
        return d;
    }

    /** A new in-order stream on the engine (one per network: streams are not shared between threads). */
    dnnl_stream newStream() {
        dnnl_stream s = new dnnl_stream();
        check(dnnl_stream_create(s, engine, dnnl_stream_default_flags), "creating a oneDNN stream");
        return s;
    }

    /** Throws with the operation's name unless oneDNN reported success. */
    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN failed " + what + " (status " + status + ")");
        }
    }

    /**
     * The format a tensor of {@code shape} is kept in: channels in blocks of 16 (oneDNN's own layout for
     * AVX-512 and AVX2 kernels) where the channel count allows, NCHW otherwise, rows as they are.
     */
    static int formatOf(TensorShape shape) {
        if (!shape.image()) {
            return dnnl_nc;
        }
        return shape.channels() % 16 == 0 ? dnnl_nChw16c : dnnl_nchw;
    }

    /** A memory descriptor of {@code dims} in {@code format}. */
    static dnnl_memory_desc_t desc(long[] dims, int format) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, format), "describing a tensor");
        return md;
    }

    /** The descriptor of {@code shape} for {@code batch} examples in its kept format; rows of an image as nc. */
    static dnnl_memory_desc_t desc(TensorShape shape, int batch) {
        long[] dims = shape.image() ? new long[] {batch, shape.channels(), shape.height(), shape.width()}
            : new long[] {batch, shape.channels()};
        return desc(dims, formatOf(shape));
    }

    /** A primitive descriptor for an operation descriptor, with the forward one as hint for backward passes. */
    dnnl_primitive_desc primitiveDesc(Pointer opDesc, dnnl_primitive_desc hint, String what) {
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(pd, new const_dnnl_op_desc_t(opDesc), null, engine, hint), what);
        return pd;
    }

    /** The memory descriptor a primitive wants for one of its arguments. */
    static dnnl_memory_desc_t query(dnnl_primitive_desc pd, int what) {
        return dnnl_primitive_desc_query_md(pd, what, 0);
    }

    /** The number of floats a memory descriptor spans. */
    static long floats(dnnl_memory_desc_t md) {
        return dnnl_memory_desc_get_size(md) / Float.BYTES;
    }

    /** Whether two descriptors describe the same layout. */
    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }
}
