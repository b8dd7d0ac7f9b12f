package org.modeconn.engine.report.view;

import java.io.UncheckedIOException;

import org.modeconn.engine.record.Json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The data of one node view page: what its initial data service sends, as JSON, to the page of its kind
 * ({@link #view()}). The KNIME view and the tests share it, so a page is tested on what a real run gives.
 */
public sealed interface ViewData permits LearningCurvesData, CurveProfileData, FgeRunData, PlaneData {

    /** The page kind: "learning-curves", "curve-profile", "fge" or "plane". */
    @JsonProperty("view")
    String view();

    /** The JSON the page reads, compact (it is kept with the node and sent each time the view opens). */
    default String toJson() {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
