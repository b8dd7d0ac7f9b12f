package org.modeconn.engine.curve;

import java.util.List;
import org.modeconn.engine.record.EpochRecord;

/**
 * What curve fitting produced.
 *
 * @param curve the fitted curve (provenance included)
 * @param history one record per epoch (train loss and error at the t drawn for each batch)
 * @param seconds wall-clock seconds of the fitting loop
 */
public record CurveFitResult(CurveModel curve, List<EpochRecord> history, double seconds) {
}
