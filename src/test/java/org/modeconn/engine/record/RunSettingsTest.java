package org.modeconn.engine.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.modeconn.engine.curve.CurveFitRun;
import org.modeconn.engine.curve.CurveFitSettings;
import org.modeconn.engine.curve.CurvePointSettings;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.ensemble.FgeSettings;
import org.modeconn.engine.ensemble.SseSettings;
import org.modeconn.engine.train.LearningRateSchedule;
import org.modeconn.engine.train.SgdSettings;
import org.modeconn.engine.train.TrainingSettings;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Provenance is written from each operation's settings record and read back as it, through the files' JSON;
 * settings of another operation, or in a shape an older version wrote, read as absent, never as wrong, and are
 * kept as they were.
 */
class RunSettingsTest {

    private static Provenance stored(String operation, RunSettings settings) throws Exception {
        Provenance p = new Provenance(operation, "2026-12-01T00:00:00Z", "0.1.0", "CPU", "train", null,
            Provenance.store(operation, settings), 3, 1, List.of(), null, null);
        // Through the file's form, as a reader meets it.
        return Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(p), Provenance.class);
    }

    @Test
    void everyOperationsSettingsComeBackAsThemselves() throws Exception {
        TrainingSettings endpoint = new TrainingSettings(20, 128, new SgdSettings(0.05, 0.9, true, 5e-4),
            new LearningRateSchedule.Step(5, 0.5), 3, FeatureScaling.Mode.STANDARDIZE, 16,
            Augmentation.parse("crop-flip:2"));
        assertThat(stored(TrainingSettings.OPERATION, endpoint).settings(TrainingSettings.class)).contains(endpoint);

        CurveFitRun fit = new CurveFitRun(CurveFitSettings.benchmark(CurveType.POLYCHAIN, 7, 3), "ab", "cd");
        Provenance p = stored(CurveFitRun.OPERATION, fit);
        assertThat(p.settings(CurveFitRun.class)).contains(fit);
        // Stored flat, as files have held it: the settings' fields beside the weights' fingerprints.
        assertThat(p.settingsJson().get("startWeightsSha256").asText()).isEqualTo("ab");
        assertThat(p.settingsJson().get("bends").asInt()).isEqualTo(3);

        FgeSettings fge = FgeSettings.benchmark(5);
        assertThat(stored(EnsembleModel.FGE, fge).settings(FgeSettings.class)).contains(fge);
        SseSettings sse = new SseSettings(40, 8, 0.1, Augmentation.NONE);
        assertThat(stored(SseSettings.OPERATION, sse).settings(SseSettings.class)).contains(sse);
        CurvePointSettings point = new CurvePointSettings(0.25, "bezier", 3);
        assertThat(stored(CurvePointSettings.OPERATION, point).settings(CurvePointSettings.class)).contains(point);
    }

    @Test
    void anotherOperationsOrAnOlderShapeReadsAsAbsentAndIsKept() throws Exception {
        assertThat(stored(EnsembleModel.FGE, FgeSettings.benchmark(1)).settings(TrainingSettings.class)).isEmpty();
        Provenance old = new Provenance(TrainingSettings.OPERATION, "t", "0.1.0", "CPU", "train", null,
            Json.MAPPER.createObjectNode().put("lr", 0.05), 1, 1, List.of(), null, null);
        assertThat(old.settings(TrainingSettings.class)).isEmpty();
        assertThat(old.settingsJson().get("lr").asDouble()).isEqualTo(0.05);
        assertThatThrownBy(() -> Provenance.store(EnsembleModel.FGE, new SseSettings(1, 1, 0.1, Augmentation.NONE)))
            .hasMessageContaining("'sse'").hasMessageContaining("'fge'");
    }

    @Test
    void settingsWrittenBeforeAugmentationExistedReadAsNone() throws Exception {
        ObjectNode json = (ObjectNode)Provenance.store(TrainingSettings.OPERATION, TrainingSettings.benchmark(2));
        json.remove("augmentation");
        Provenance p = new Provenance(TrainingSettings.OPERATION, "t", "0.1.0", "CPU", "train", null, json, 2, 20,
            List.of(), null, null);
        assertThat(p.settings(TrainingSettings.class).orElseThrow().augmentation()).isEqualTo(Augmentation.NONE);
    }
}
