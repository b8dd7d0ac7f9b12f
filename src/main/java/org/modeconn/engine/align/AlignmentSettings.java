package org.modeconn.engine.align;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.record.RunSettings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How weight matching runs, as the aligned network's provenance keeps it: at most how many sweeps over the
 * permutations, the seed of their order, and which two networks were matched.
 *
 * @param maxSweeps the most sweeps; matching stops earlier once a sweep changes no permutation
 * @param seed orders the permutations within each sweep
 * @param referenceSha256 the fingerprint of the reference network's parameters (null before matching)
 * @param sourceSha256 the fingerprint of the permuted network's parameters before alignment (null before matching)
 */
@RunSettings.Of(AlignmentSettings.OPERATION)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlignmentSettings(@JsonProperty("maxSweeps") int maxSweeps, @JsonProperty("seed") long seed,
        @JsonProperty("referenceSha256") String referenceSha256, @JsonProperty("sourceSha256") String sourceSha256)
        implements RunSettings {

    /** The operation, as provenance names it. */
    public static final String OPERATION = "align-networks";

    /** The default limit of sweeps: Ainsworth et al.'s, more than matching needs on any network here. */
    public static final int DEFAULT_MAX_SWEEPS = 100;

    /** The largest limit of sweeps accepted. */
    public static final int MAX_SWEEPS_LIMIT = 10_000;

    /** The default seed. */
    public static final long DEFAULT_SEED = 0;

    /** Checks the limit of sweeps. */
    public AlignmentSettings {
        if (maxSweeps < 1 || maxSweeps > MAX_SWEEPS_LIMIT) {
            throw new InvalidInputException("Weight matching with at most " + maxSweeps + " sweeps is out of range.",
                "Give from 1 to " + MAX_SWEEPS_LIMIT + " sweeps (" + DEFAULT_MAX_SWEEPS + " is the default; matching "
                    + "stops by itself once a sweep changes nothing).");
        }
    }

    /** Settings before matching: the limit and the seed. */
    public AlignmentSettings(int maxSweeps, long seed) {
        this(maxSweeps, seed, null, null);
    }

    /** The defaults. */
    public static AlignmentSettings defaults() {
        return new AlignmentSettings(DEFAULT_MAX_SWEEPS, DEFAULT_SEED);
    }

    /** The same settings with the fingerprints of the two networks matched. */
    AlignmentSettings matched(String reference, String source) {
        return new AlignmentSettings(maxSweeps, seed, reference, source);
    }
}
