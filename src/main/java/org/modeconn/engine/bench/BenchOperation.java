package org.modeconn.engine.bench;

import java.util.EnumSet;
import java.util.Set;

/** The operations of the benchmark specification, each timed on its own. */
public enum BenchOperation {
    /** Two endpoints, seeds 1 and 2, with the seed-1 checkpoint for FGE. */
    ENDPOINT,
    /** The Bezier curve (3 bends), fixed ends. */
    CURVE,
    /** The polygonal chain (3 bends), fixed ends. */
    POLYCHAIN,
    /** 31 points of each curve and of the line, BatchNorm recomputed. */
    EVAL,
    /** FGE from the checkpoint, with the single network and Ind as baselines. */
    FGE,
    /** The plane of the MLP's Bezier curve, 21 × 21. */
    PLANE,
    /**
     * Beyond the specification: weight matching of the seed-2 endpoint to seed 1, then the line and a Bezier
     * curve (fitted as CURVE fits) between seed 1 and the aligned network, beside the unaligned line; for networks
     * without BatchNorm also the aligned line with REPAIR.
     */
    ALIGN,
    /**
     * Beyond the specification: the two endpoints merged into one network (seed 2 aligned to seed 1, weights
     * averaged, BatchNorm recomputed), its test error beside the endpoints' and their ensemble's.
     */
    MERGE;

    /** The operations BENCHMARK.md specifies: all but those beyond it. */
    public static Set<BenchOperation> specification() {
        return EnumSet.complementOf(EnumSet.of(ALIGN, MERGE));
    }
}
