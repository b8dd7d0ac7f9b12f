package org.modeconn.engine.network.kernels;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The batch-sized buffers of the engine's own passes, made once per batch size and kept: a few sizes recur
 * (full batches, the last one of an epoch, evaluation chunks), so a handful are kept and the set is dropped
 * when a new size would exceed that, never growing without bound; buffers that hold native memory are
 * closed when dropped.
 *
 * @param <B> the buffers of one size
 */
public final class BuffersBySize<B> {

    private final Map<Integer, B> bySize = new HashMap<>();
    private final int keep;
    private final IntFunction<B> make;

    /**
     * @param keep how many sizes to keep at most
     * @param make makes the buffers of one batch size
     */
    public BuffersBySize(int keep, IntFunction<B> make) {
        this.keep = keep;
        this.make = make;
    }

    /** The buffers for {@code batch} rows. */
    public B of(int batch) {
        B b = bySize.get(batch);
        if (b == null) {
            if (bySize.size() >= keep) {
                clear();
            }
            b = make.apply(batch);
            bySize.put(batch, b);
        }
        return b;
    }

    /** Drops every size's buffers, closing those that hold native memory. */
    public void clear() {
        for (B b : bySize.values()) {
            if (b instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not free the buffers of one batch size", e);
                }
            }
        }
        bySize.clear();
    }

    /** The buffers of the sizes kept now. */
    public java.util.Collection<B> values() {
        return java.util.List.copyOf(bySize.values());
    }
}
