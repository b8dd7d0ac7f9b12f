package org.modeconn.engine.network.kernels;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;

/** oneDNN reorders: the same tensor from one memory layout into another. */
final class DnnlReorder {

    private DnnlReorder() {
    }

    /** A reorder from {@code from} to {@code to}, run with (source buffer, destination buffer). */
    static DnnlOp of(dnnl_memory_desc_t from, dnnl_memory_desc_t to, dnnl_stream stream) {
        Dnnl dnnl = Dnnl.get();
        dnnl_primitive_desc pd = new dnnl_primitive_desc();
        Dnnl.check(dnnl_reorder_primitive_desc_create(pd, from, dnnl.engine, to, dnnl.engine, null),
            "choosing a reorder");
        return DnnlOp.of(pd, stream, "a reorder", DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
    }
}
