package org.modeconn.engine.network.layers;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One operation of a network's layer list: what it computes, without its input's shape (which
 * {@link NetworkLayers} tracks). Every executor of a network (the Deeplearning4j graph, the engine's own
 * kernels) is derived from the list of these, so that an architecture is written once.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LayerOp.Dense.class, name = "dense"),
    @JsonSubTypes.Type(value = LayerOp.Conv.class, name = "conv"),
    @JsonSubTypes.Type(value = LayerOp.BatchNorm.class, name = "bn"),
    @JsonSubTypes.Type(value = LayerOp.Relu.class, name = "relu"),
    @JsonSubTypes.Type(value = LayerOp.MaxPool.class, name = "maxpool"),
    @JsonSubTypes.Type(value = LayerOp.AvgPool.class, name = "avgpool"),
    @JsonSubTypes.Type(value = LayerOp.GlobalAvgPool.class, name = "gap"),
    @JsonSubTypes.Type(value = LayerOp.Dropout.class, name = "dropout"),
    @JsonSubTypes.Type(value = LayerOp.Add.class, name = "add"),
    @JsonSubTypes.Type(value = LayerOp.ZeroPad.class, name = "pad"),
    @JsonSubTypes.Type(value = LayerOp.SoftmaxOutput.class, name = "output")})
public sealed interface LayerOp {

    /** Whether the operation holds parameters in the flat parameter vector. */
    default boolean hasParameters() {
        return false;
    }

    /** A short lower-case word for the kind of operation ("conv", "bn", ...), used in layer names. */
    String kind();

    /** Calls the visitor's method for this kind of operation. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of operation, so that every executor handles each (checked by the compiler). */
    interface Visitor<R> {
        R dense(Dense op);

        R conv(Conv op);

        R batchNorm(BatchNorm op);

        R relu(Relu op);

        R maxPool(MaxPool op);

        R avgPool(AvgPool op);

        R globalAvgPool(GlobalAvgPool op);

        R dropout(Dropout op);

        R add(Add op);

        R zeroPad(ZeroPad op);

        R softmaxOutput(SoftmaxOutput op);
    }

    /**
     * A fully connected layer (its image input flattened in C, H, W order first).
     *
     * @param units output features
     * @param bias whether it adds a bias
     */
    record Dense(int units, boolean bias) implements LayerOp {
        @Override
        public String kind() {
            return "dense";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dense(this);
        }
        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    /**
     * A kH×kW convolution; output height ⌊(H + 2·padH − kH) / strideH⌋ + 1 and width likewise, as PyTorch's.
     *
     * @param channels output channels
     * @param kernelH the window's height
     * @param kernelW the window's width
     * @param strideH the vertical step between windows
     * @param strideW the horizontal step between windows
     * @param padH zeros added above and below
     * @param padW zeros added left and right
     * @param bias whether it adds a bias per output channel
     */
    record Conv(int channels, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, boolean bias)
            implements LayerOp {

        /** Checks the sizes. */
        public Conv {
            if (channels < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0) {
                throw new IllegalArgumentException("a convolution of " + channels + " channels, kernel " + kernelH
                    + "×" + kernelW + ", stride " + strideH + "×" + strideW + ", padding " + padH + "×" + padW);
            }
        }

        /** A square k×k convolution with the same stride and padding in both directions. */
        public Conv(int channels, int kernel, int stride, int padding, boolean bias) {
            this(channels, kernel, kernel, stride, stride, padding, padding, bias);
        }

        /** Its window as "kH×kW" (or "k×k"). */
        public String window() {
            return kernelH + "x" + kernelW;
        }

        @Override
        public String kind() {
            return "conv";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.conv(this);
        }
        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    /**
     * BatchNorm over the features of a flat row or the channels of an image, with γ, β and running
     * statistics (the convention of {@link BatchNormConvention}).
     */
    record BatchNorm() implements LayerOp {
        @Override
        public String kind() {
            return "bn";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.batchNorm(this);
        }
        @Override
        public boolean hasParameters() {
            return true;
        }
    }

    /** max(x, 0). */
    record Relu() implements LayerOp {
        @Override
        public String kind() {
            return "relu";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.relu(this);
        }
    }

    /**
     * Max-pooling over kH×kW windows; padding counts as −∞ (it is never the maximum).
     *
     * @param kernelH the window's height
     * @param kernelW the window's width
     * @param strideH the vertical step between windows
     * @param strideW the horizontal step between windows
     * @param padH rows added above and below, at most half the window
     * @param padW columns added left and right, at most half the window
     * @param extraBottom rows added below beyond {@code padH} (see {@link PoolWindow})
     * @param extraRight columns added to the right beyond {@code padW}
     */
    record MaxPool(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int extraBottom,
            int extraRight) implements LayerOp {

        /** Checks the sizes. */
        public MaxPool {
            new PoolWindow(kernelH, kernelW, strideH, strideW, padH, padW, extraBottom, extraRight);
        }

        /** A pool padded evenly. */
        public MaxPool(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW) {
            this(kernelH, kernelW, strideH, strideW, padH, padW, 0, 0);
        }

        /** A square k×k pool without padding. */
        public MaxPool(int kernel, int stride) {
            this(kernel, kernel, stride, stride, 0, 0);
        }

        /** Where its windows lie. */
        public PoolWindow window() {
            return new PoolWindow(kernelH, kernelW, strideH, strideW, padH, padW, extraBottom, extraRight);
        }

        @Override
        public String kind() {
            return "pool";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.maxPool(this);
        }
    }

    /**
     * Average pooling over kH×kW windows.
     *
     * @param kernelH the window's height
     * @param kernelW the window's width
     * @param strideH the vertical step between windows
     * @param strideW the horizontal step between windows
     * @param padH rows of zeros added above and below, at most half the window
     * @param padW columns of zeros added left and right, at most half the window
     * @param extraBottom rows added below beyond {@code padH}, never counted (see {@link PoolWindow})
     * @param extraRight columns added to the right beyond {@code padW}, never counted
     * @param countIncludePad whether the even padding counts in the divisor (PyTorch's count_include_pad), or only
     *     the image's own values do; a pool padded more at the end has no even padding to count (else it is refused),
     *     and reads false
     */
    record AvgPool(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int extraBottom,
            int extraRight, boolean countIncludePad) implements LayerOp {

        /**
         * Checks the sizes, and refuses a divisor that counts the even padding but not the uneven (no kernel takes
         * it: pad with {@link ZeroPad} first, as the ONNX reader does).
         */
        public AvgPool {
            PoolWindow w = new PoolWindow(kernelH, kernelW, strideH, strideW, padH, padW, extraBottom, extraRight);
            if (countIncludePad && w.uneven()) {
                if (padH > 0 || padW > 0) {
                    throw new IllegalArgumentException("an average pool counting its padding of " + padH + "×" + padW
                        + " but not the " + extraBottom + " rows and " + extraRight + " columns beyond it: pad with "
                        + "zeros before it instead");
                }
                countIncludePad = false;
            }
        }

        /** A pool padded evenly. */
        public AvgPool(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                boolean countIncludePad) {
            this(kernelH, kernelW, strideH, strideW, padH, padW, 0, 0, countIncludePad);
        }

        /** A square k×k pool without padding. */
        public AvgPool(int kernel, int stride) {
            this(kernel, kernel, stride, stride, 0, 0, false);
        }

        /** Where its windows lie. */
        public PoolWindow window() {
            return new PoolWindow(kernelH, kernelW, strideH, strideW, padH, padW, extraBottom, extraRight);
        }

        @Override
        public String kind() {
            return "avgpool";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.avgPool(this);
        }
    }

    /**
     * Rows and columns of zeros around an image, as many on each side as given: what a padding that differs
     * between the two sides of a direction becomes (a convolution or pool then pads no more).
     *
     * @param top rows above
     * @param left columns to the left
     * @param bottom rows below
     * @param right columns to the right
     */
    record ZeroPad(int top, int left, int bottom, int right) implements LayerOp {

        /** Checks that it pads by nothing negative. */
        public ZeroPad {
            if (top < 0 || left < 0 || bottom < 0 || right < 0) {
                throw new IllegalArgumentException("a padding of " + top + ", " + left + ", " + bottom + ", " + right);
            }
        }

        @Override
        public String kind() {
            return "pad";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.zeroPad(this);
        }
    }

    /** The mean of each channel over the whole image: C×H×W to a flat row of C. */
    record GlobalAvgPool() implements LayerOp {
        @Override
        public String kind() {
            return "gap";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.globalAvgPool(this);
        }
    }

    /**
     * Inverted dropout in training mode (each value zeroed with probability p, the rest scaled by 1/(1−p));
     * the identity in inference.
     *
     * @param probability p, in [0, 1)
     */
    record Dropout(double probability) implements LayerOp {
        @Override
        public String kind() {
            return "drop";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dropout(this);
        }
    }

    /** The sum of two inputs of equal shape: a residual connection. */
    record Add() implements LayerOp {
        @Override
        public String kind() {
            return "add";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.add(this);
        }
    }

    /**
     * The classifier: a dense layer to the classes, softmax and the mean cross-entropy against the labels.
     *
     * @param classes output classes
     */
    record SoftmaxOutput(int classes) implements LayerOp {
        @Override
        public String kind() {
            return "output";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.softmaxOutput(this);
        }
        @Override
        public boolean hasParameters() {
            return true;
        }
    }
}
