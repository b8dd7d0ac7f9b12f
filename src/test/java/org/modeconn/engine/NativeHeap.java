package org.modeconn.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

/**
 * The bytes the C library's allocator has handed out and not had back, over all its arenas and mapped blocks (glibc's
 * {@code mallinfo2}): what ND4J, oneDNN and JavaCPP allocate natively, counted where it is allocated, so that memory the
 * allocator keeps for reuse after a free does not count as held.
 */
public final class NativeHeap {

    /** glibc's struct mallinfo2: ten size_t fields. */
    public static class MallInfo2 extends Structure implements Structure.ByValue {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;

        @Override
        protected java.util.List<String> getFieldOrder() {
            return java.util.List.of("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                "fordblks", "keepcost");
        }
    }

    /** The C library's allocator statistics. */
    interface GlibcAllocator extends Library {
        MallInfo2 mallinfo2();
    }

    private static final GlibcAllocator C = Native.loadLibrary("c", GlibcAllocator.class);

    private NativeHeap() {
    }

    /**
     * {@link #inUseBytes()} once a collection has let JavaCPP and ND4J free what nothing refers to any more, so that
     * what is counted is what some owner holds.
     */
    public static long settledInUseBytes() {
        System.gc();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return inUseBytes();
    }

    /** Bytes allocated and not freed: in the arenas' chunks plus in blocks mapped on their own. */
    public static long inUseBytes() {
        MallInfo2 m = C.mallinfo2();
        return m.uordblks + m.hblkhd;
    }
}
