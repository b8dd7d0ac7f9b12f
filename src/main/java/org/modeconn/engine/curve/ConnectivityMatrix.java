package org.modeconn.engine.curve;

import java.util.ArrayList;
import java.util.List;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.ensemble.EnsembleModel;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.WorkRunner;

/**
 * How well many networks connect: for every pair, the barrier of the straight line between them (its highest
 * train loss and test error above the mean of its ends), each line measured as Evaluate Curve measures the line
 * between a curve's ends. The matrices are symmetric with a zero diagonal.
 *
 * @param names the networks' names, in matrix order
 * @param barrierTrainLoss [i][j]: the train-loss barrier of the line from network i to network j
 * @param barrierTestError [i][j]: its test-error barrier (%), or null without test data
 * @param points the points of t each line was measured at
 */
public record ConnectivityMatrix(List<String> names, double[][] barrierTrainLoss, double[][] barrierTestError,
        int points) {

    /** The default points of t along each pair's line or curve. */
    public static final int DEFAULT_POINTS = 11;

    /**
     * The fit of each pair's curve in {@link #ofCurves}: a Bezier curve of 3 bends, fixed ends, the paper's SGD
     * settings, for {@code epochs} epochs.
     */
    public static CurveFitSettings pairCurveFit(final int epochs) {
        return CurveFitSettings.benchmark(CurveType.BEZIER, epochs, 1);
    }

    /** Copies the names. */
    public ConnectivityMatrix {
        names = List.copyOf(names);
    }

    /** The line barriers of every pair of {@code networks} (of one architecture), named by {@code names}. */
    public static ConnectivityMatrix ofLines(final List<Network> networks, final List<String> names,
        final Dataset train, final Dataset test, final int points, final TrainingMonitor monitor) {
        return ofLines(networks, names, train, test, points, InProcessRunner.perCore(), monitor);
    }

    /** As {@link #ofLines(List, List, Dataset, Dataset, int, TrainingMonitor)}, the pairs computed by {@code runner}. */
    public static ConnectivityMatrix ofLines(final List<Network> networks, final List<String> names,
        final Dataset train, final Dataset test, final int points, final WorkRunner runner,
        final TrainingMonitor monitor) {
        requireComparable(networks, names);
        CurveEvaluator.requirePoints(points);
        return ofPairs(names, test != null, points, runner.run(new ConnectivityPairs(networks, train, test, points,
            null), monitor));
    }

    /**
     * The barriers of a curve fitted between every pair of {@code networks} with {@code fit} (a short fit, for a
     * matrix: every pair is a fit of its own), each curve measured at {@code points} points as Evaluate Curve does.
     */
    public static ConnectivityMatrix ofCurves(final List<Network> networks, final List<String> names,
        final Dataset train, final Dataset test, final int points, final CurveFitSettings fit,
        final TrainingMonitor monitor) {
        return ofCurves(networks, names, train, test, points, fit, InProcessRunner.perCore(), monitor);
    }

    /**
     * As {@link #ofCurves(List, List, Dataset, Dataset, int, CurveFitSettings, TrainingMonitor)}, the pairs computed
     * by {@code runner}.
     */
    public static ConnectivityMatrix ofCurves(final List<Network> networks, final List<String> names,
        final Dataset train, final Dataset test, final int points, final CurveFitSettings fit,
        final WorkRunner runner, final TrainingMonitor monitor) {
        requireComparable(networks, names);
        CurveEvaluator.requirePoints(points);
        return ofPairs(names, test != null, points, runner.run(new ConnectivityPairs(networks, train, test, points,
            fit), monitor));
    }

    private static void requireComparable(final List<Network> networks, final List<String> names) {
        if (networks.size() < 2 || networks.size() != names.size()) {
            throw new InvalidInputException("A connectivity matrix needs at least two networks; " + networks.size()
                + " were given.", "Give two or more networks, or an ensemble of two or more members.");
        }
        for (Network n : networks.subList(1, networks.size())) {
            CurveModel.requireCompatible(networks.get(0), n);
        }
    }

    /** The matrices of the pairs' paths, pair k being (i, j) with i &lt; j in row order. */
    private static ConnectivityMatrix ofPairs(final List<String> names, final boolean withTest, final int points,
        final List<PathProfile> paths) {
        int n = names.size();
        double[][] loss = new double[n][n];
        double[][] error = withTest ? new double[n][n] : null;
        for (int k = 0; k < paths.size(); k++) {
            int[] ij = ConnectivityPairs.pair(k, n);
            int i = ij[0];
            int j = ij[1];
            PathProfile path = paths.get(k);
            loss[i][j] = loss[j][i] = path.barrierTrainLoss();
            if (error != null) {
                error[i][j] = error[j][i] = path.barrierTestError();
            }
        }
        return new ConnectivityMatrix(names, loss, error, points);
    }

    /** The line barriers between the members of {@code ensemble}, named by {@link #memberNames(int)}. */
    public static ConnectivityMatrix ofMembers(final EnsembleModel ensemble, final Dataset train, final Dataset test,
        final int points, final TrainingMonitor monitor) {
        return ofLines(ensemble.members(), memberNames(ensemble.size()), train, test, points, monitor);
    }

    /** The names of an ensemble's {@code count} members in a matrix: "member 1", "member 2", .... */
    public static List<String> memberNames(final int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("member " + i);
        }
        return names;
    }

    /** Whether test figures are present. */
    public boolean hasTest() {
        return barrierTestError != null;
    }
}
