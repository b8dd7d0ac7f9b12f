package org.modeconn.engine.network;

/** ReLU forward and backward on Java arrays, for the engine's own passes. */
final class Relu {

    private Relu() {
    }

    /** In place: max(0, x) for the first {@code length} values. */
    static void forward(float[] values, int length) {
        // branch-free, so that it is vectorised: a data-dependent branch mispredicts half the time
        for (int k = 0; k < length; k++) {
            values[k] = Math.max(values[k], 0f);
        }
    }

    /** In place: zero the gradient wherever the ReLU's output was zero (its derivative there is 0). */
    static void backward(float[] gradient, float[] activation, int length) {
        for (int k = 0; k < length; k++) {
            gradient[k] = activation[k] > 0 ? gradient[k] : 0f;
        }
    }
}
