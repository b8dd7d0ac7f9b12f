package org.modeconn.knime.ports;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which table columns a model reads: its feature columns, in input order, and the target column it was
 * trained on. Downstream nodes find their inputs by these names.
 *
 * @param features the feature column names, in the order of the network's inputs
 * @param target the target (class) column name
 */
public record InputColumns(@JsonProperty("features") List<String> features, @JsonProperty("target") String target) {

    /** Copies the list and checks that something was named. */
    public InputColumns {
        features = List.copyOf(features);
        Objects.requireNonNull(target, "target");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("no feature columns");
        }
    }
}
