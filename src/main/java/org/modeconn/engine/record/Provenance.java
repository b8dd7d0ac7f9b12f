package org.modeconn.engine.record;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

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
 * @param settingsJson the operation's {@link RunSettings} as stored (read them typed with {@link #settings(Class)});
 *        older files may hold other shapes
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
        @JsonProperty("settings") JsonNode settingsJson, @JsonProperty("seed") long seed,
        @JsonProperty("epochsCompleted") int epochsCompleted, @JsonProperty("history") List<EpochRecord> history,
        @JsonProperty("finalTrain") Metrics finalTrain, @JsonProperty("finalTest") Metrics finalTest,
        @JsonProperty("trainDataSha256") String trainDataSha256, @JsonProperty("testDataSha256") String testDataSha256) {

    /** Copies the history list. */
    public Provenance {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A provenance without data fingerprints (for what is made without training data). */
    public Provenance(String operation, String createdAt, String toolVersion, String backend, String trainData,
            String testData, JsonNode settingsJson, long seed, int epochsCompleted, List<EpochRecord> history,
            Metrics finalTrain, Metrics finalTest) {
        this(operation, createdAt, toolVersion, backend, trainData, testData, settingsJson, seed, epochsCompleted,
            history, finalTrain, finalTest, null, null);
    }

    /**
     * The stored form of {@code settings}, which must be those of {@code operation}: a provenance is never
     * written from another operation's settings.
     */
    public static JsonNode store(String operation, RunSettings settings) {
        String of = RunSettings.operationOf(settings.getClass());
        if (!of.equals(operation)) {
            throw new IllegalArgumentException("Settings of '" + of + "' for the provenance of '" + operation + "'");
        }
        return Json.MAPPER.valueToTree(settings);
    }

    /**
     * The settings this was made with, as {@code type}; empty when they are another operation's, or were
     * written by a version that stored them in another shape.
     */
    public <T extends RunSettings> Optional<T> settings(Class<T> type) {
        if (settingsJson == null || !RunSettings.operationOf(type).equals(operation)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.treeToValue(settingsJson, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
