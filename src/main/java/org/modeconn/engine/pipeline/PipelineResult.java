package org.modeconn.engine.pipeline;

import org.modeconn.engine.align.Alignment;
import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.ensemble.EnsembleRunResult;
import org.modeconn.engine.plane.PlaneResult;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.TrainingResult;

/**
 * Everything the pipeline produced.
 *
 * @param first the first endpoint's training
 * @param second the second endpoint's training
 * @param independentEnsemble the two endpoints' ensemble on the test data (Ind, budget 2)
 * @param curveSeconds seconds of curve fitting
 * @param evaluation the curve and line profiles
 * @param alignment endpoint 2 aligned to endpoint 1 by weight matching
 * @param alignedLine the profile of the straight line from endpoint 1 to endpoint 2 aligned
 * @param fge the FGE run from the first endpoint's checkpoint
 * @param plane the plane of the curve
 * @param around the plane of two random filter-normalised directions around the first endpoint (Li et al.)
 * @param runner where the independent items ran ({@link org.modeconn.engine.work.WorkRunner#describe})
 * @param seconds the whole run
 */
public record PipelineResult(TrainingResult first, TrainingResult second, Metrics independentEnsemble,
        double curveSeconds, CurveEvaluation evaluation, Alignment alignment, PathProfile alignedLine,
        EnsembleRunResult fge, PlaneResult plane, PlaneResult around, String runner,
        double seconds) {
}
