package org.modeconn.engine.curve;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.train.TrainingMonitor;
import org.modeconn.engine.work.InProcessRunner;
import org.modeconn.engine.work.SelfContainedWork;
import org.modeconn.engine.work.WorkPayload;
import org.modeconn.engine.work.WorkState;

/**
 * The pairs of a connectivity matrix as independent work: pair k (i &lt; j, in row order) is the path between
 * networks i and j, the straight line or a curve fitted for the pair, measured at {@code points} points of t as
 * Evaluate Curve measures a curve (BatchNorm statistics recomputed at each).
 */
final class ConnectivityPairs implements SelfContainedWork<PathProfile> {

    private static final long serialVersionUID = 1L;

    private final transient List<Network> networks;
    private final transient Dataset train;
    private final transient Dataset test;
    private final transient int points;
    private final transient CurveFitSettings fit;


    /**
     * @param networks the networks, of one architecture
     * @param fit the fit of each pair's curve, or null for the straight lines
     */
    ConnectivityPairs(List<Network> networks, Dataset train, Dataset test, int points, CurveFitSettings fit) {
        this.networks = List.copyOf(networks);
        this.train = train;
        this.test = test;
        this.points = points;
        this.fit = fit;
    }

    /** The pair of item {@code k}: {i, j} with i &lt; j, row by row. */
    static int[] pair(int k, int n) {
        int i = 0;
        int row = n - 1;
        while (k >= row) {
            k -= row;
            i++;
            row--;
        }
        return new int[] {i, i + 1 + k};
    }

    @Override
    public String name() {
        return fit == null ? "Connectivity of lines" : "Connectivity of curves";
    }

    @Override
    public int count() {
        return networks.size() * (networks.size() - 1) / 2;
    }

    @Override
    public String items() {
        return "pairs";
    }

    @Override
    public PathProfile compute(WorkState worker, int k, TrainingMonitor run) {
        int[] ij = pair(k, networks.size());
        Network a = networks.get(ij[0]);
        Network b = networks.get(ij[1]);
        CurveModel path;
        if (fit == null) {
            // the line between the two, in the first network's spec and scaling as the matrix names it
            Network like = networks.get(0);
            path = new CurveModel(like.spec(), like.scaling(), new PolyChainCurve(2), new float[][] {
                a.layout().withoutStatistics(a.parametersView()), b.layout().withoutStatistics(b.parametersView())},
                true, true, null);
        } else {
            path = CurveFitter.fit(a, b, train, fit, run).curve();
        }
        // the pair's points one after another: pairs are the items computed at once
        return CurveEvaluator.evaluate(path, train, test, points, new InProcessRunner(1), false, run).curve();
    }

    @Override
    public double progressValue(PathProfile result) {
        return result.maxTrainLoss();
    }

    /** Where the bytes of the pairs go when they are sent to another process. */
    private Object writeReplace() {
        return new Form(WorkPayload.write(out -> {
            out.integer(networks.size());
            for (Network n : networks) {
                out.network(n);
            }
            out.dataset(train);
            out.dataset(test);
            out.integer(points);
            out.json(fit);
        }));
    }

    /** The pairs as they travel. */
    private record Form(byte[] bytes) implements Serializable {
        private Object readResolve() {
            WorkPayload.Reader in = WorkPayload.read(bytes);
            int n = in.integer();
            List<Network> networks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                networks.add(in.network());
            }
            return new ConnectivityPairs(networks, in.dataset(), in.dataset(), in.integer(),
                in.json(CurveFitSettings.class));
        }
    }
}
