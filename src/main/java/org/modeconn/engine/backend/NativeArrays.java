package org.modeconn.engine.backend;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees ND4J arrays' native memory now. ND4J's {@code close()} leaves a view's buffer alone (a reshape, a slice, an
 * aligned window into a larger allocation), which is then freed only when a garbage collection finds it unreachable:
 * in a long-lived JVM perhaps never. The owner of an array frees it here, through the allocation under it.
 */
public final class NativeArrays {

    private NativeArrays() {
    }

    /** Frees the allocation under {@code array}; every array viewing it is invalid afterwards. */
    public static void free(INDArray array) {
        DataBuffer under = allocation(array);
        if (!under.wasClosed()) {
            under.close();
        }
    }

    /** The allocation under {@code array}: its own buffer, or for a view the buffer the view points into. */
    public static DataBuffer allocation(INDArray array) {
        DataBuffer d = array.data();
        return d.underlyingDataBuffer() != null ? d.underlyingDataBuffer() : d;
    }
}
