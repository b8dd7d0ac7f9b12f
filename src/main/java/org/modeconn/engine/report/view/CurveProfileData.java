package org.modeconn.engine.report.view;

import java.util.List;
import java.util.stream.Stream;

import org.modeconn.engine.curve.CurveEvaluation;
import org.modeconn.engine.curve.PathProfile;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Loss and error along a curve and along the straight line between its ends, with each path's barrier.
 *
 * @param header title, provenance and notes
 * @param paths the curve, then the line
 * @param ensembleTestError test error (%) of the ensemble of the curve's points, or null
 */
public record CurveProfileData(@JsonUnwrapped ViewHeader header, @JsonProperty("paths") List<Path> paths,
        @JsonProperty("ensembleTestError") Double ensembleTestError) implements ViewData {

    /** One path: its points in t order and its barrier. */
    public record Path(@JsonProperty("name") String name, @JsonProperty("points") List<Point> points,
            @JsonProperty("barrier") Barrier barrier) {
    }

    /** Figures at one t (errors in %, null without test data). */
    public record Point(@JsonProperty("t") double t, @JsonProperty("trainLoss") Double trainLoss,
            @JsonProperty("trainError") Double trainError, @JsonProperty("testLoss") Double testLoss,
            @JsonProperty("testError") Double testError) {
    }

    /**
     * The highest finite train loss on a path (none when no point has one).
     *
     * @param t where it is
     * @param trainLoss its value
     * @param height that loss minus the mean of the two ends' losses (as in the summaries)
     */
    public record Barrier(@JsonProperty("t") double t, @JsonProperty("trainLoss") Double trainLoss,
            @JsonProperty("height") Double height) {
    }

    /** The profile of an evaluation, with {@code more} paths after the curve and the line. */
    public static CurveProfileData of(final ViewHeader header, final CurveEvaluation e, final PathProfile... more) {
        // The line is left out when it was not evaluated.
        List<Path> paths = Stream.concat(Stream.of(e.curve(), e.line()), Stream.of(more))
            .filter(p -> p != null && !p.points().isEmpty())
            .map(CurveProfileData::path).toList();
        return new CurveProfileData(header, paths, ViewNumbers.finite(e.ensembleTestError()));
    }

    private static Path path(final PathProfile p) {
        List<Point> points = p.points().stream().map(x -> new Point(x.t(), ViewNumbers.finite(x.trainLoss()),
            ViewNumbers.finite(x.trainErrorPercent()), ViewNumbers.finite(x.testLoss()),
            ViewNumbers.finite(x.testErrorPercent()))).toList();
        Barrier barrier = p.peakTrainLoss().map(top -> new Barrier(top.t(), top.trainLoss(),
            ViewNumbers.finite(p.barrierTrainLoss()))).orElse(null);
        return new Path(p.name(), points, barrier);
    }

    @Override
    public String view() {
        return "curve-profile";
    }
}
