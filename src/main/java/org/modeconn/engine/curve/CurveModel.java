package org.modeconn.engine.curve;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.data.FeatureScaling;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.record.Provenance;

/**
 * A curve between two networks as a value: the curve family, its n bends (each a flat parameter vector
 * in the networks' layout, BatchNorm statistic entries held at zero: statistics are recomputed at every
 * point), the spec and feature scaling the two networks share, and which ends were held fixed. The
 * arrays are owned by the instance and never changed.
 */
public final class CurveModel {

    private final NetworkSpec spec;
    private final FeatureScaling scaling;
    private final Curve curve;
    private final float[][] bends;
    private final boolean fixedStart;
    private final boolean fixedEnd;
    private final Provenance provenance;

    /**
     * @param spec the networks' spec
     * @param scaling the networks' feature scaling
     * @param curve the family and number of bends
     * @param bends n flat vectors (handed over, not copied)
     * @param fixedStart whether θ_0 was held at the first network
     * @param fixedEnd whether θ_{n−1} was held at the second network
     * @param provenance where it came from, or null
     */
    public CurveModel(NetworkSpec spec, FeatureScaling scaling, Curve curve, float[][] bends, boolean fixedStart,
            boolean fixedEnd, Provenance provenance) {
        this.spec = Objects.requireNonNull(spec);
        this.scaling = Objects.requireNonNull(scaling);
        this.curve = Objects.requireNonNull(curve);
        this.bends = bends;
        this.fixedStart = fixedStart;
        this.fixedEnd = fixedEnd;
        this.provenance = provenance;
        if (bends.length != curve.bends()) {
            throw new IllegalArgumentException(curve.bends() + " bends expected, " + bends.length + " given");
        }
        long size = layout().size();
        for (float[] b : bends) {
            if (b.length != size) {
                throw new IllegalArgumentException("a bend of " + b.length + " values for " + size + " parameters");
            }
        }
    }

    /**
     * The curve with ends {@code start} and {@code end} and its middle bends on the straight line
     * between them (θ_i = ŵ1 + i/(n−1)·(ŵ2 − ŵ1)), the reference's initialisation.
     *
     * @throws InvalidInputException if the networks' architectures, inputs or classes differ
     */
    public static CurveModel straight(Curve curve, Network start, Network end) {
        requireCompatible(start, end);
        ParameterLayout layout = start.layout();
        float[] a = layout.withoutStatistics(start.parametersView());
        float[] b = layout.withoutStatistics(end.parametersView());
        int n = curve.bends();
        float[][] bends = new float[n][];
        for (int i = 0; i < n; i++) {
            double alpha = i / (double) (n - 1);
            float[] p = new float[a.length];
            for (int k = 0; k < p.length; k++) {
                p[k] = (float) ((1 - alpha) * a[k] + alpha * b[k]);
            }
            bends[i] = p;
        }
        bends[0] = a;
        bends[n - 1] = b;
        return new CurveModel(start.spec(), start.scaling(), curve, bends, true, true, null);
    }

    /**
     * The curve with ends {@code start} and {@code end} and its middle bends at the given networks (for
     * example a third trained network, or a curve point), in order.
     *
     * @throws InvalidInputException if there are not n−2 middle networks or any of them cannot be joined
     */
    public static CurveModel through(Curve curve, Network start, List<Network> middle, Network end) {
        if (middle.size() != curve.bends() - 2) {
            throw new InvalidInputException("A curve with " + curve.bends() + " bends has " + (curve.bends() - 2)
                + " middle bends, but " + middle.size() + " networks were given for them.",
                "Give one network per middle bend, or none to start on the straight line.");
        }
        requireCompatible(start, end);
        ParameterLayout layout = start.layout();
        float[][] bends = new float[curve.bends()][];
        bends[0] = layout.withoutStatistics(start.parametersView());
        for (int i = 0; i < middle.size(); i++) {
            requireCompatible(start, middle.get(i));
            bends[i + 1] = layout.withoutStatistics(middle.get(i).parametersView());
        }
        bends[bends.length - 1] = layout.withoutStatistics(end.parametersView());
        return new CurveModel(start.spec(), start.scaling(), curve, bends, true, true, null);
    }

    /** The straight line between two networks, as a 2-bend polygonal chain. */
    public static CurveModel line(Network start, Network end) {
        return straight(new PolyChainCurve(2), start, end);
    }

    /** The straight line between this curve's ends (its first and last bend), as a 2-bend polygonal chain. */
    public CurveModel lineBetweenEnds() {
        return new CurveModel(spec, scaling, new PolyChainCurve(2), new float[][] {bends[0], bends[bends.length - 1]},
            true, true, null);
    }

    /** Refuses two networks that a curve cannot join, naming the difference. */
    public static void requireCompatible(Network start, Network end) {
        String diff = start.spec().differenceFrom(end.spec());
        if (diff != null) {
            throw new InvalidInputException("The two networks cannot be joined by a curve: " + diff + ".",
                "Train both endpoints with the same architecture on data with the same columns and classes.");
        }
        if (!start.scaling().equals(end.scaling())) {
            throw new InvalidInputException("The two networks cannot be joined by a curve: they were trained with "
                + "different feature scalings (" + start.scaling().kind() + " vs " + end.scaling().kind() + ", or "
                + "fitted on different data).",
                "Train both endpoints on the same training data with the same scaling setting.");
        }
    }

    /** The networks' spec. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The networks' feature scaling. */
    public FeatureScaling scaling() {
        return scaling;
    }

    /** The family and number of bends. */
    public Curve curve() {
        return curve;
    }

    /** Bend i (0 ≤ i < n), the array itself: callers must not change it. */
    public float[] bendView(int i) {
        return bends[i];
    }

    /** n. */
    public int bendCount() {
        return bends.length;
    }

    /** Whether θ_0 was held fixed. */
    public boolean fixedStart() {
        return fixedStart;
    }

    /** Whether θ_{n−1} was held fixed. */
    public boolean fixedEnd() {
        return fixedEnd;
    }

    /** Where it came from. */
    public Optional<Provenance> provenance() {
        return Optional.ofNullable(provenance);
    }

    /** The same curve with other provenance. */
    public CurveModel withProvenance(Provenance p) {
        return new CurveModel(spec, scaling, curve, bends, fixedStart, fixedEnd, p);
    }

    /** The parameter layout the bends follow. */
    public ParameterLayout layout() {
        return ParameterLayouts.layoutOf(spec);
    }

    /**
     * φθ(t) as a flat vector (statistics entries zero: recompute them before using the network in
     * inference mode when it has BatchNorm).
     */
    public float[] pointAt(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new InvalidInputException("The curve parameter t = " + t + " is outside [0, 1].",
                "Give t between 0 (the first network) and 1 (the second).");
        }
        double[] c = curve.coefficients(t);
        float[] p = new float[bends[0].length];
        for (int k = 0; k < p.length; k++) {
            double v = 0;
            for (int i = 0; i < c.length; i++) {
                v += c[i] * bends[i][k];
            }
            p[k] = (float) v;
        }
        return p;
    }
}
