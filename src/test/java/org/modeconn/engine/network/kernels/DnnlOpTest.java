package org.modeconn.engine.network.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.junit.jupiter.api.Test;
import org.modeconn.engine.NativeHeap;

/** oneDNN operations free what they made when their construction fails half-way. */
class DnnlOpTest {

    private static dnnl_primitive_desc reluDescriptor(Dnnl dnnl, dnnl_memory_desc_t data) {
        // the operation descriptor is the test's to free (the engine's kernels leave theirs to the collector)
        try (dnnl_eltwise_desc_t f = new dnnl_eltwise_desc_t()) {
            Dnnl.check(dnnl_eltwise_forward_desc_init(f, dnnl_forward_training, dnnl_eltwise_relu, data, 0f, 0f),
                "describing a ReLU");
            return dnnl.primitiveDesc(f, null, "choosing a ReLU");
        }
    }

    @Test
    void anOperationWhoseSecondArgumentCannotBeMadeFreesItsPrimitiveMemoryAndDescriptor() {
        Dnnl dnnl = Dnnl.get();
        dnnl_stream stream = dnnl.newStream();
        dnnl_memory_desc_t data = Dnnl.desc(new long[] {64, 16, 32, 32}, dnnl_nChw16c);
        int[] kinds = {DNNL_ARG_SRC, DNNL_ARG_DST};
        // a descriptor of any format: oneDNN refuses to make its memory object, after the primitive and the first are made
        dnnl_memory_desc_t[] halfValid = {data, Dnnl.desc(new long[] {64, 16, 32, 32}, dnnl_format_tag_any)};
        Runnable failOnce = () -> assertThatThrownBy(() -> new DnnlOp(reluDescriptor(dnnl, data), stream, "a test ReLU",
            kinds, halfValid)).isInstanceOf(IllegalStateException.class).hasMessageContaining("describing a test ReLU");
        // the first thousand let the JVM compile the loop; its compiler and collector allocate natively too, now and
        // then: a leak grows every round of 4000, their growth comes in one round and not the next
        for (int i = 0; i < 1000; i++) {
            failOnce.run();
        }
        long grown = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            long before = NativeHeap.settledInUseBytes();
            for (int i = 0; i < 4000; i++) {
                failOnce.run();
            }
            grown = Math.min(grown, NativeHeap.settledInUseBytes() - before);
        }
        new DnnlOp(reluDescriptor(dnnl, data), stream, "a ReLU", kinds, new dnnl_memory_desc_t[] {data, data}).close();
        dnnl_stream_destroy(stream);
        // what each one would leave (its primitive, first memory object and descriptor) is about a kilobyte
        assertThat(grown).as("native bytes left by 4000 failed constructions (the smaller of two rounds)")
            .isLessThan(512 * 1024);
    }

    @Test
    void aKernelsPrimitivesAreClosedWhenOneOfThemCannotBeMade() {
        boolean[] closed = new boolean[1];
        AutoCloseable parts = () -> closed[0] = true;
        assertThatThrownBy(() -> DnnlOp.build(parts, p -> {
            throw new IllegalStateException("oneDNN failed choosing a convolution's weight gradient (status 3)");
        })).hasMessageContaining("weight gradient");
        assertThat(closed[0]).as("the primitives made before the failure were closed").isTrue();
        assertThat(DnnlOp.build(parts, p -> closed[0] = false)).isSameAs(parts);
        assertThat(closed[0]).isFalse();
    }
}
