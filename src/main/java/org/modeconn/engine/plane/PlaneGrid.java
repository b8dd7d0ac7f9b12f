package org.modeconn.engine.plane;

import java.io.Serializable;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.PointEvaluation;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.IndependentWork;
import org.modeconn.engine.work.WorkPayload;

/**
 * The points of a plane slice's grid as independent work: at point k (row k / nx, column k % nx) the network at
 * that point of the basis, its BatchNorm statistics recomputed on the training data, evaluated on the training and
 * test data. A result is {train loss, train error %, test loss, test error %} (NaN without test data).
 */
final class PlaneGrid implements IndependentWork<PointEvaluation.Data, PointEvaluation.Worker, double[]> {

    private static final long serialVersionUID = 1L;

    private final transient NetworkSpec spec;
    private final transient FeatureScaling scaling;
    private final transient PlaneBasis basis;
    private final transient double[] xs;
    private final transient double[] ys;
    private final transient Dataset train;
    private final transient Dataset test;

    PlaneGrid(NetworkSpec spec, FeatureScaling scaling, PlaneBasis basis, double[] xs, double[] ys, Dataset train,
            Dataset test) {
        this.spec = spec;
        this.scaling = scaling;
        this.basis = basis;
        this.xs = xs;
        this.ys = ys;
        this.train = train;
        this.test = test;
    }

    @Override
    public String name() {
        return "Plane slice";
    }

    @Override
    public int count() {
        return xs.length * ys.length;
    }

    @Override
    public String items() {
        return "points";
    }

    @Override
    public PointEvaluation.Data openShared() {
        // every grid point is origin + x·e_x + y·e_y: one combination of three vectors
        return PointEvaluation.Data.open(spec, scaling, train, test, basis.axes());
    }

    @Override
    public PointEvaluation.Worker openWorker(PointEvaluation.Data shared) {
        return PointEvaluation.Worker.open(spec, shared);
    }

    @Override
    public double[] compute(PointEvaluation.Worker worker, int k, TrainingMonitor run) {
        double x = xs[k % xs.length];
        double y = ys[k / xs.length];
        worker.moveTo(new double[] {1, x, y}, () -> basis.point(x, y));
        PointEvaluation.Data data = worker.data();
        Metrics tr = NetworkEvaluator.evaluate(worker.net(), data.train());
        if (data.test() == null) {
            return new double[] {tr.loss(), tr.errorPercent(), Double.NaN, Double.NaN};
        }
        Metrics te = NetworkEvaluator.evaluate(worker.net(), data.test());
        return new double[] {tr.loss(), tr.errorPercent(), te.loss(), te.errorPercent()};
    }

    @Override
    public double progressValue(double[] result) {
        return result[0];
    }

    /** Where the bytes of a grid go when it is sent to another process. */
    private Object writeReplace() {
        return new Form(WorkPayload.write(out -> {
            out.json(spec);
            out.json(scaling);
            basis.writeTo(out);
            out.doubles(xs);
            out.doubles(ys);
            out.dataset(train);
            out.dataset(test);
        }));
    }

    /** A grid as it travels. */
    private record Form(byte[] bytes) implements Serializable {
        private Object readResolve() {
            WorkPayload.Reader in = WorkPayload.read(bytes);
            return new PlaneGrid(in.json(NetworkSpec.class), in.json(FeatureScaling.class), PlaneBasis.readFrom(in),
                in.doubles(), in.doubles(), in.dataset(), in.dataset());
        }
    }
}
