package org.modeconn.engine.pipeline;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.curve.CurveType;
import org.modeconn.engine.data.Augmentation;
import org.modeconn.engine.data.FeatureScaling;

/**
 * The whole method in one run: two endpoints, a curve between them, its evaluation, FGE from the first
 * endpoint's checkpoint, and the plane of the curve.
 *
 * @param architecture the architecture's text form
 * @param epochs endpoint epochs (the budget B)
 * @param curveType the curve family
 * @param curveEpochs curve-fitting epochs
 * @param curvePoints grid of t for the evaluation
 * @param fgeEpochs FGE epochs, taken from the end of the first endpoint's training: FGE starts from its
 *        checkpoint after {@code epochs − fgeEpochs} epochs, so that FGE costs the same budget
 * @param fgeCycleIterations FGE cycle in iterations (0: half an epoch)
 * @param planeGrid plane grid per axis
 * @param planeTrainSubset training examples for the plane's train loss (0: all)
 * @param scaling how the endpoints scale their features (the curve and FGE inherit it)
 * @param augmentation what is done to training images in every training step of the run
 */
public record PipelineSettings(String architecture, int epochs, CurveType curveType, int curveEpochs,
        int curvePoints, int fgeEpochs, int fgeCycleIterations, int planeGrid, int planeTrainSubset,
        FeatureScaling.Mode scaling, Augmentation augmentation) {

    /** Validates the ranges. */
    public PipelineSettings {
        if (epochs < 2 || fgeEpochs < 1 || fgeEpochs >= epochs) {
            throw new InvalidInputException("The pipeline needs more endpoint epochs (" + epochs + ") than FGE epochs ("
                + fgeEpochs + "), and at least one of each.", "For example 20 endpoint epochs and 4 FGE epochs.");
        }
        if (curveEpochs < 1 || curvePoints < 2 || planeGrid < 2 || fgeCycleIterations < 0) {
            throw new InvalidInputException("The pipeline settings are out of range.",
                "Give at least 1 curve epoch, 2 curve points and a plane grid of at least 2.");
        }
        if (scaling == null || augmentation == null) {
            throw new NullPointerException("scaling and augmentation are required");
        }
    }

    /** Settings with automatic scaling and no augmentation. */
    public PipelineSettings(String architecture, int epochs, CurveType curveType, int curveEpochs, int curvePoints,
            int fgeEpochs, int fgeCycleIterations, int planeGrid, int planeTrainSubset) {
        this(architecture, epochs, curveType, curveEpochs, curvePoints, fgeEpochs, fgeCycleIterations, planeGrid,
            planeTrainSubset, FeatureScaling.Mode.AUTO, Augmentation.NONE);
    }

    /** The main job on the embedded data: the benchmark's MLP, settings that finish in minutes on 2 cores. */
    public static PipelineSettings defaults() {
        return new PipelineSettings("mlp:512,512", 20, CurveType.BEZIER, 20, 31, 4, 0, 21, 4000);
    }
}
