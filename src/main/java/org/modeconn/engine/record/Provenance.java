package org.modeconn.engine.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where a trained artefact came from: the operation, the data, the settings and seed, the machine's
 * backend, the versions, and what it achieved. Stored in network, curve and ensemble files and shown in
 * port views, so that a result can be understood and reproduced later.
 *
 * @param operation what made it, e.g. "train-endpoint"
 * @param createdAt ISO-8601 time
 * @param toolVersion this product's version
 * @param backend the ND4J backend and device it ran on
 * @param trainData a description of the training data
 * @param testData a description of the test data, or null
 * @param settings the operation's settings as JSON
 * @param seed the seed
 * @param epochsCompleted how many epochs were run
 * @param history one record per epoch
 * @param finalTrain figures on the whole training set at the end, or null
 * @param finalTest figures on the test set at the end, or null
 * @param trainDataSha256 the training data's fingerprint ({@code Dataset.fingerprint()}), or null for files
 *        written before it was recorded
 * @param testDataSha256 the test data's fingerprint, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(@JsonProperty("operation") String operation, @JsonProperty("createdAt") String createdAt,
        @JsonProperty("toolVersion") String toolVersion, @JsonProperty("backend") String backend,
        @JsonProperty("trainData") String trainData, @JsonProperty("testData") String testData,
        @JsonProperty("settings") JsonNode settings, @JsonProperty("seed") long seed,
        @JsonProperty("epochsCompleted") int epochsCompleted, @JsonProperty("history") List<EpochRecord> history,
        @JsonProperty("finalTrain") Metrics finalTrain, @JsonProperty("finalTest") Metrics finalTest,
        @JsonProperty("trainDataSha256") String trainDataSha256, @JsonProperty("testDataSha256") String testDataSha256) {

    /** Copies the history list. */
    public Provenance {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A provenance without data fingerprints (for what is made without training data). */
    public Provenance(String operation, String createdAt, String toolVersion, String backend, String trainData,
            String testData, JsonNode settings, long seed, int epochsCompleted, List<EpochRecord> history,
            Metrics finalTrain, Metrics finalTest) {
        this(operation, createdAt, toolVersion, backend, trainData, testData, settings, seed, epochsCompleted,
            history, finalTrain, finalTest, null, null);
    }
}
