package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One oneDNN primitive with a memory object per argument: each run points the arguments at the given ND4J
 * buffers (no copies) and executes. Owns its primitive and memory objects; closed with the buffers of its
 * batch size.
 */
final class DnnlOp implements AutoCloseable {

    private final dnnl_primitive primitive = new dnnl_primitive();
    private final dnnl_primitive_desc pd;
    private final dnnl_stream stream;
    private final int[] kinds;
    private final dnnl_memory[] memories;
    private final dnnl_exec_arg_t args;
    private final String what;

    /**
     * @param pd the primitive's descriptor (owned from now on)
     * @param stream the stream it runs on
     * @param what its name in messages
     * @param argKinds the DNNL_ARG_* of each argument
     * @param descs the memory descriptor of each argument
     */
    DnnlOp(dnnl_primitive_desc pd, dnnl_stream stream, String what, int[] argKinds, dnnl_memory_desc_t[] descs) {
        this.pd = pd;
        this.stream = stream;
        this.what = what;
        this.kinds = argKinds.clone();
        memories = new dnnl_memory[kinds.length];
        args = new dnnl_exec_arg_t(kinds.length);
        // what is made before a step fails is freed here: the caller never gets an object to close
        try {
            Dnnl.check(dnnl_primitive_create(primitive, pd), "creating " + what);
            Dnnl dnnl = Dnnl.get();
            for (int i = 0; i < kinds.length; i++) {
                dnnl_memory m = new dnnl_memory();
                Dnnl.check(dnnl_memory_create(m, descs[i], dnnl.engine, (Pointer) null), "describing " + what);
                memories[i] = m;
                args.getPointer(i).arg(kinds[i]).memory(m);
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Fills {@code parts} (a kernel's primitives for one batch size) and returns it; where a step fails, closes what
     * was made before rethrowing, so that no primitive of a half-built set is left without an owner.
     */
    static <T extends AutoCloseable> T build(T parts, java.util.function.Consumer<T> fill) {
        try {
            fill.accept(parts);
            return parts;
        } catch (RuntimeException | Error e) {
            try {
                parts.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Builds an operation from argument kinds and descriptors given in pairs. */
    static DnnlOp of(dnnl_primitive_desc pd, dnnl_stream stream, String what, Object... kindAndDesc) {
        List<Integer> kinds = new ArrayList<>();
        List<dnnl_memory_desc_t> descs = new ArrayList<>();
        for (int i = 0; i < kindAndDesc.length; i += 2) {
            kinds.add((Integer) kindAndDesc[i]);
            descs.add((dnnl_memory_desc_t) kindAndDesc[i + 1]);
        }
        return new DnnlOp(pd, stream, what, kinds.stream().mapToInt(Integer::intValue).toArray(),
            descs.toArray(new dnnl_memory_desc_t[0]));
    }

    /** Runs on the buffers, one per argument in the order given at construction. */
    void run(INDArray... buffers) {
        if (buffers.length != kinds.length) {
            throw new IllegalArgumentException(what + " takes " + kinds.length + " buffers, got " + buffers.length);
        }
        for (int i = 0; i < buffers.length; i++) {
            Dnnl.check(dnnl_memory_set_data_handle(memories[i], buffers[i].data().addressPointer()),
                "binding a buffer of " + what);
        }
        Dnnl.check(dnnl_primitive_execute(primitive, stream, kinds.length, args), "running " + what);
        Dnnl.check(dnnl_stream_wait(stream), "waiting for " + what);
    }

    /** Frees the primitive, its memory objects and its descriptor; safe on a half-made operation. */
    @Override
    public void close() {
        if (!primitive.isNull()) {
            dnnl_primitive_destroy(primitive);
            primitive.setNull();
        }
        for (int i = 0; i < memories.length; i++) {
            if (memories[i] != null) {
                dnnl_memory_destroy(memories[i]);
                memories[i] = null;
            }
        }
        if (!pd.isNull()) {
            dnnl_primitive_desc_destroy(pd);
            pd.setNull();
        }
        args.close();
    }
}
