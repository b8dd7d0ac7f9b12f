package org.modeconn.engine.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalDouble;

import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** The reference implementation's figures on the benchmark (ANCHORS.md), shipped as a resource. */
public final class ReferenceAnchors {

    private static final JsonNode ANCHORS = load();

    private ReferenceAnchors() {
    }

    /** The reference's figure for a network and a key of {@link NetworkFigures}, if it measured one. */
    public static OptionalDouble of(BenchNetwork network, String key) {
        JsonNode v = ANCHORS.path("networks").path(network.name()).path(key);
        return v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    /**
     * The reference's seconds per training step and per evaluation batch for one of the paper's networks
     * (NaN where it has none).
     */
    public static double[] paperNetwork(String architecture) {
        JsonNode n = ANCHORS.path("paper_networks").path(architecture);
        return new double[] {n.path("train_step_sec").asDouble(Double.NaN), n.path("eval_batch_sec").asDouble(Double.NaN)};
    }

    /** Where the figures come from. */
    public static String source() {
        return ANCHORS.path("source").asText();
    }

    private static JsonNode load() {
        try (InputStream in = ReferenceAnchors.class.getResourceAsStream("anchors.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
