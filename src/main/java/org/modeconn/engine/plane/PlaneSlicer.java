package org.modeconn.engine.plane;

import java.util.ArrayList;
import java.util.List;

import org.modeconn.engine.compute.ComputeContext;
import org.modeconn.engine.curve.CurveModel;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.train.TrainingMonitor;

/**
 * Slices the loss surface along the plane through three weight vectors (a curve's w1, middle bend θ and
 * w2, or any three networks of one architecture): a G × G grid over [−m, 1+m]·‖u‖ × [−m, 1+m]·‖v⊥‖, and at
 * every point the train loss and test error with BatchNorm statistics recomputed. Grid points are
 * independent ({@link PlaneGrid}) and are evaluated where the settings' runner puts them.
 */
public final class PlaneSlicer {

    private PlaneSlicer() {
    }

    /** The plane of a curve: its first bend, its middle bend and its last bend; the curve drawn on it. */
    public static PlaneResult slice(CurveModel curve, Dataset train, Dataset test, PlaneSettings settings,
            TrainingMonitor monitor) {
        float[] w1 = curve.bendView(0);
        float[] theta = curve.bendView(curve.bendCount() / 2);
        float[] w2 = curve.bendView(curve.bendCount() - 1);
        List<float[]> along = new ArrayList<>();
        for (int k = 0; k < settings.curvePoints(); k++) {
            along.add(curve.pointAt(k / (double) (settings.curvePoints() - 1)));
        }
        return slice(curve.spec(), curve.scaling(), w1, theta, w2, along, train, test, settings, monitor);
    }

    /** The plane through three networks of one architecture. */
    public static PlaneResult slice(Network a, Network b, Network c, Dataset train, Dataset test,
            PlaneSettings settings, TrainingMonitor monitor) {
        CurveModel.requireCompatible(a, b);
        CurveModel.requireCompatible(a, c);
        ParameterLayout layout = a.layout();
        return slice(a.spec(), a.scaling(), layout.withoutStatistics(a.parametersView()),
            layout.withoutStatistics(b.parametersView()), layout.withoutStatistics(c.parametersView()), List.of(),
            train, test, settings, monitor);
    }

    /**
     * The plane of two random filter-normalised directions around {@code centre}: the grid runs over α and β
     * from −range to +range, the point (α, β) being centre + α·d1 + β·d2.
     */
    public static PlaneResult sliceAround(Network centre, Dataset train, Dataset test, PlaneSettings settings,
            RandomPlane random, TrainingMonitor monitor) {
        ParameterLayout layout = centre.layout();
        float[] w = layout.withoutStatistics(centre.parametersView());
        PlaneBasis basis = PlaneBasis.around(w,
            RandomDirections.filterNormalised(layout, w, random.seed(), random.includeBiasAndBatchNorm()),
            RandomDirections.filterNormalised(layout, w, random.secondSeed(), random.includeBiasAndBatchNorm()));
        double[] axis = evenly(-random.range(), random.range(), settings.grid(), 1);
        return slice(centre.spec(), centre.scaling(), basis, axis, axis, new float[][] {w}, List.of(),
            PlaneResult.AROUND_ONE_NETWORK, train, test, settings, monitor);
    }

    /**
     * A 1-D slice: loss and error along one random filter-normalised direction d around {@code centre}, α from
     * −range to +range ({@code settings.grid()} points), as a plane of one row (y = 0) whose x is the distance
     * α·‖d‖ from the centre.
     */
    public static PlaneResult lineAround(Network centre, Dataset train, Dataset test, PlaneSettings settings,
            RandomPlane random, TrainingMonitor monitor) {
        ParameterLayout layout = centre.layout();
        float[] w = layout.withoutStatistics(centre.parametersView());
        PlaneBasis basis = PlaneBasis.line(w,
            RandomDirections.filterNormalised(layout, w, random.seed(), random.includeBiasAndBatchNorm()));
        double[] xs = evenly(-random.range(), random.range(), settings.grid(), basis.lengthU());
        return slice(centre.spec(), centre.scaling(), basis, xs, new double[] {0}, new float[][] {w}, List.of(),
            PlaneResult.AROUND_ONE_NETWORK, train, test, settings, monitor);
    }

    /**
     * A 1-D slice along the straight line from {@code a} to {@code b}, from −margin to 1 + margin of the way
     * ({@code settings.grid()} points); x is the distance from {@code a} in weight space.
     */
    public static PlaneResult lineBetween(Network a, Network b, Dataset train, Dataset test, PlaneSettings settings,
            TrainingMonitor monitor) {
        CurveModel.requireCompatible(a, b);
        ParameterLayout layout = a.layout();
        float[] wa = layout.withoutStatistics(a.parametersView());
        float[] wb = layout.withoutStatistics(b.parametersView());
        float[] d = new float[wa.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = wb[i] - wa[i];
        }
        PlaneBasis basis = PlaneBasis.line(wa, d);
        double m = settings.margin();
        double[] xs = evenly(-m, 1 + m, settings.grid(), basis.lengthU());
        return slice(a.spec(), a.scaling(), basis, xs, new double[] {0}, new float[][] {wa, wb}, List.of(),
            PlaneResult.LINE_BETWEEN_TWO, train, test, settings, monitor);
    }

    private static PlaneResult slice(NetworkSpec spec, org.modeconn.engine.data.FeatureScaling scaling, float[] w1,
            float[] theta, float[] w2, List<float[]> curve, Dataset train, Dataset test, PlaneSettings settings,
            TrainingMonitor monitor) {
        PlaneBasis basis = new PlaneBasis(w1, theta, w2);
        double m = settings.margin();
        return slice(spec, scaling, basis, evenly(-m, 1 + m, settings.grid(), basis.lengthU()),
            evenly(-m, 1 + m, settings.grid(), basis.lengthV()), new float[][] {w1, theta, w2}, curve,
            PlaneResult.THROUGH_THREE_POINTS, train, test, settings, monitor);
    }

    /** {@code n} evenly spaced values from {@code from} to {@code to}, each times {@code scale}. */
    private static double[] evenly(double from, double to, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (from + (to - from) * i / (n - 1)) * scale;
        }
        return v;
    }

    /** Loss and error at every (x, y) of the grid of {@code basis}, the named points and the curve projected. */
    private static PlaneResult slice(NetworkSpec spec, org.modeconn.engine.data.FeatureScaling scaling,
            PlaneBasis basis, double[] xs, double[] ys, float[][] named, List<float[]> curve, List<String> names,
            Dataset train, Dataset test, PlaneSettings settings, TrainingMonitor monitor) {
        // the run's context loads ND4J with its backend before the first array is made
        ComputeContext.current();
        Dataset trainUsed = NetworkInputs.align(spec, train, "training data");
        if (settings.trainSubset() > 0 && settings.trainSubset() < trainUsed.numExamples()) {
            trainUsed = trainUsed.head(settings.trainSubset());
        }
        Dataset testUsed = test == null ? null : NetworkInputs.align(spec, test, "test data");
        int nx = xs.length;
        int ny = ys.length;
        long started = System.nanoTime();
        PlaneGrid grid = new PlaneGrid(spec, scaling, basis, xs, ys, trainUsed, testUsed);
        List<double[]> points = settings.runner().run(grid, monitor);
        double[][] trainLoss = new double[ny][nx];
        double[][] trainError = new double[ny][nx];
        double[][] testLoss = testUsed == null ? null : new double[ny][nx];
        double[][] testError = testUsed == null ? null : new double[ny][nx];
        for (int k = 0; k < points.size(); k++) {
            double[] p = points.get(k);
            trainLoss[k / nx][k % nx] = p[0];
            trainError[k / nx][k % nx] = p[1];
            if (testUsed != null) {
                testLoss[k / nx][k % nx] = p[2];
                testError[k / nx][k % nx] = p[3];
            }
        }
        double[][] anchors = new double[named.length][];
        for (int i = 0; i < named.length; i++) {
            anchors[i] = basis.coordinates(named[i]);
        }
        List<double[]> projected = new ArrayList<>();
        for (float[] p : curve) {
            projected.add(basis.coordinates(p));
        }
        return new PlaneResult(xs, ys, trainLoss, trainError, testLoss, testError, anchors, projected,
            basis.lengthU(), basis.lengthV(), trainUsed.numExamples(), (System.nanoTime() - started) / 1e9, names);
    }
}
