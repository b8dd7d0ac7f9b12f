package org.modeconn.engine.network.layers;

/**
 * Where a pool's windows lie over an image, in one direction at a time: a window of {@code kernel} values
 * moved by {@code stride}, over the image with {@code pad} values before and after it, and {@code extra} more
 * after those. The extra padding is where a last, partial window reaches beyond the padded image (PyTorch's and
 * ONNX's {@code ceil_mode}), or a padding that is larger at the end; it never counts: −∞ to a max-pool, outside an
 * average's divisor.
 *
 * @param kernelH the window's height
 * @param kernelW the window's width
 * @param strideH the vertical step between windows
 * @param strideW the horizontal step between windows
 * @param padH rows added above and below, at most half the window
 * @param padW columns added left and right, at most half the window
 * @param extraBottom rows added below beyond {@code padH}
 * @param extraRight columns added to the right beyond {@code padW}
 */
public record PoolWindow(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW, int extraBottom,
        int extraRight) {

    /** Refuses a window that is empty, moves by nothing, or could lie wholly in its even padding. */
    public PoolWindow {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0 || 2 * padH > kernelH
            || 2 * padW > kernelW || extraBottom < 0 || extraRight < 0) {
            throw new IllegalArgumentException("a pool of window " + kernelH + "×" + kernelW + ", stride " + strideH
                + "×" + strideW + ", padding " + padH + "×" + padW + ", further padding " + extraBottom + " below and "
                + extraRight + " to the right (padding is at most half the window)");
        }
    }

    /** Whether any padding is larger at the end than at the start. */
    public boolean uneven() {
        return extraBottom > 0 || extraRight > 0;
    }

    /** The output's height for an input of {@code height} rows, or 0 where no window fits. */
    public int outHeight(int height) {
        return out(height, kernelH, strideH, padH, extraBottom);
    }

    /** The output's width for an input of {@code width} columns, or 0 where no window fits. */
    public int outWidth(int width) {
        return out(width, kernelW, strideW, padW, extraRight);
    }

    private static int out(int size, int kernel, int stride, int pad, int extra) {
        int span = size + 2 * pad + extra;
        return span < kernel ? 0 : (span - kernel) / stride + 1;
    }

    /**
     * The padding below an image of {@code height} rows that some window reaches: {@code padH + extraBottom} less
     * what lies beyond the last window (a file may pad more than its windows take; oneDNN refuses such padding).
     */
    public int padBottom(int height) {
        return reached(height, kernelH, strideH, padH, extraBottom);
    }

    /** As {@link #padBottom}, for the columns to the right of an image of {@code width} columns. */
    public int padRight(int width) {
        return reached(width, kernelW, strideW, padW, extraRight);
    }

    private static int reached(int size, int kernel, int stride, int pad, int extra) {
        return reachedEnd(size, kernel, stride, pad, pad + extra);
    }

    /**
     * Of {@code end} values padded after an image of {@code size} with {@code begin} before it, as many as some
     * window reaches, but never fewer than {@code begin}: the end padding that changes nothing dropped.
     */
    public static int reachedEnd(int size, int kernel, int stride, int begin, int end) {
        if (end <= begin || size + begin + end < kernel) {
            return end;
        }
        int out = (size + begin + end - kernel) / stride + 1;
        return Math.max(begin, Math.min(end, (out - 1) * stride + kernel - size - begin));
    }

    /**
     * How many of the image's own rows the window of output row {@code row} covers, for an input of
     * {@code height} rows: the divisor's share of an average that does not count its padding.
     */
    public int rowsCovered(int row, int height) {
        return covered(row, height, kernelH, strideH, padH);
    }

    /** As {@link #rowsCovered}, for columns. */
    public int columnsCovered(int column, int width) {
        return covered(column, width, kernelW, strideW, padW);
    }

    private static int covered(int index, int size, int kernel, int stride, int pad) {
        int start = index * stride - pad;
        return Math.min(start + kernel, size) - Math.max(start, 0);
    }
}
