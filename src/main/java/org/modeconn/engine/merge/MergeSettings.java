package org.modeconn.engine.merge;

import org.modeconn.engine.align.AlignmentSettings;
import org.modeconn.engine.record.RunSettings;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How networks are merged into one, as the merged network's provenance keeps it: every network aligned to the first
 * by weight matching with {@code alignment}, then all averaged (uniform), or only those that do not raise the
 * held-out error (greedy, Wortsman et al.'s "greedy soup").
 *
 * @param greedy add members one by one, best held-out error first, keeping each only if the error does not rise
 * @param repair reset each hidden layer's per-channel statistics of the average to the average of the members' (REPAIR,
 *     Jordan et al. 2023; networks without BatchNorm, whose recomputed statistics do this already)
 * @param alignment how each network is aligned to the first
 */
@RunSettings.Of(MergeSettings.OPERATION)
public record MergeSettings(@JsonProperty("greedy") boolean greedy, @JsonProperty("repair") boolean repair,
        @JsonProperty("alignment") AlignmentSettings alignment) implements RunSettings {

    /** The operation, as provenance names it. */
    public static final String OPERATION = "merge-networks";

    /** Requires the alignment settings. */
    public MergeSettings {
        java.util.Objects.requireNonNull(alignment, "alignment");
    }

    /** A uniform or greedy merge without REPAIR, with the default alignment. */
    public static MergeSettings of(boolean greedy) {
        return new MergeSettings(greedy, false, AlignmentSettings.defaults());
    }
}
