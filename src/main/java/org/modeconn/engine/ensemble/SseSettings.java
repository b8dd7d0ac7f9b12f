package org.modeconn.engine.ensemble;

import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.record.RunSettings;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a snapshot-ensembling (SSE) run's provenance records: its length, its cycles, its peak learning rate and
 * its augmentation.
 *
 * @param epochs the run's epochs
 * @param cycles cosine cycles, one snapshot at the end of each
 * @param learningRate the rate at the start of each cycle
 * @param augmentation what was done to training images
 */
@RunSettings.Of(SseSettings.OPERATION)
public record SseSettings(@JsonProperty("epochs") int epochs, @JsonProperty("cycles") int cycles,
        @JsonProperty("lr") double learningRate, @JsonProperty("augmentation") Augmentation augmentation)
        implements RunSettings {

    /** The operation, as provenance names it (and the method of its ensembles). */
    public static final String OPERATION = "sse";
}
