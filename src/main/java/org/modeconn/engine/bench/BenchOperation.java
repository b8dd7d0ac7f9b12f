package org.modeconn.engine.bench;

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
    PLANE
}
