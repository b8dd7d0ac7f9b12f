package org.modeconn.engine.network;

import java.util.stream.IntStream;

/**
 * Runs per-image Java loops of the engine's own passes over the batch split into one contiguous range of
 * images per core (the caller's thread takes one), so that the element-wise work between the BLAS products
 * uses the cores the products use.
 */
final class ImageRanges {

    /** Work on the images [from, to). */
    @FunctionalInterface
    interface RangeTask {
        void run(int from, int to);
    }

    /** Fewer images than this per range are not worth a hand-off to another thread. */
    private static final int MIN_IMAGES_PER_RANGE = 8;

    private ImageRanges() {
    }

    /** Runs {@code task} over [0, images) in parallel ranges, returning when all are done. */
    static void run(int images, RangeTask task) {
        int parts = Math.min(Runtime.getRuntime().availableProcessors(), images / MIN_IMAGES_PER_RANGE);
        if (parts <= 1) {
            task.run(0, images);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(p -> task.run(images * p / parts, images * (p + 1) / parts));
    }
}
