package org.modeconn.engine.record;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Loss and error of a network on a data set.
 *
 * @param loss mean softmax cross-entropy (negative log-likelihood)
 * @param errorPercent percentage of misclassified examples
 * @param examples how many examples were evaluated
 */
public record Metrics(@JsonProperty("loss") double loss, @JsonProperty("errorPercent") double errorPercent,
        @JsonProperty("examples") int examples) implements java.io.Serializable {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "loss %.4f, error %.2f%%", loss, errorPercent);
    }
}
