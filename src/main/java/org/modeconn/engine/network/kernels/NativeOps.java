package org.modeconn.engine.network.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runs libnd4j's native operations (OpenMP-parallel, oneDNN where ND4J was built with it) into given buffers. */
final class NativeOps {

    private NativeOps() {
    }

    /** Runs the named custom operation with preallocated outputs. */
    static void run(String op, INDArray[] inputs, INDArray[] outputs, int[] ints, double... floats) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs)
            .addIntegerArguments(ints);
        if (floats.length > 0) {
            Double[] boxed = new Double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                boxed[i] = floats[i];
            }
            b.addFloatingPointArguments(boxed);
        }
        Nd4j.exec(b.build());
    }

    /** Copies {@code values} into a dense 'c'-order buffer of the same length. */
    static void copy(float[] values, INDArray dense) {
        if (dense.length() != values.length || !dense.isView() && dense.ordering() != 'c') {
            throw new IllegalArgumentException("expected a dense buffer of " + values.length + " values");
        }
        new FloatPointer(dense.data().addressPointer()).put(values, 0, values.length);
    }

    /** The inputs of an operation. */
    static INDArray[] in(INDArray... arrays) {
        return arrays;
    }

    /** The outputs of an operation. */
    static INDArray[] out(INDArray... arrays) {
        return arrays;
    }

    /** Integer arguments. */
    static int[] ints(int... values) {
        return values;
    }
}
