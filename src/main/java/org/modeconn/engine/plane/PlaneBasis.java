package org.modeconn.engine.plane;

import java.util.List;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.work.WorkPayload;

/**
 * The basis of a plane in weight space. Through w1, θ, w2: u = w2 − w1, v = θ − w1 made orthogonal to u
 * (Gram–Schmidt), both normalised, so that coordinates are lengths in weight space: w1 is at (0, 0), w2 at
 * (‖u‖, 0), θ at (θ·û, ‖v⊥‖). Around one network ({@link #around}): two given directions as they are, so that
 * coordinates count them (Li et al.'s filter-normalised α and β).
 */
public final class PlaneBasis {

    private final float[] origin;
    private final double[] ex;
    private final double[] ey;
    private final double lengthU;
    private final double lengthV;

    /** The plane through three flat vectors of equal length (w1 at the origin). */
    public PlaneBasis(float[] w1, float[] theta, float[] w2) {
        int n = w1.length;
        if (theta.length != n || w2.length != n) {
            throw new IllegalArgumentException("the three vectors differ in length");
        }
        origin = w1.clone();
        double[] u = new double[n];
        double[] v = new double[n];
        double uu = 0;
        double uv = 0;
        for (int i = 0; i < n; i++) {
            u[i] = (double) w2[i] - w1[i];
            v[i] = (double) theta[i] - w1[i];
            uu += u[i] * u[i];
            uv += u[i] * v[i];
        }
        if (uu == 0) {
            throw new InvalidInputException("The two end networks are identical, so they span no "
                + "plane.", "Give two different networks (trained from different seeds).");
        }
        double vv = 0;
        for (int i = 0; i < n; i++) {
            v[i] -= uv / uu * u[i];
            vv += v[i] * v[i];
        }
        lengthU = Math.sqrt(uu);
        lengthV = Math.sqrt(vv);
        // float32 weights: anything closer to the line than their rounding is on it
        if (lengthV < 1e-5 * lengthU) {
            throw new InvalidInputException("The middle point lies on the straight line between "
                + "the ends, so the three points span no plane.",
                "Fit the curve first (its bend leaves the line), or give a third network off the line.");
        }
        ex = new double[n];
        ey = new double[n];
        for (int i = 0; i < n; i++) {
            ex[i] = u[i] / lengthU;
            ey[i] = v[i] / lengthV;
        }
    }

    private PlaneBasis(float[] origin, double[] ex, double[] ey, double lengthU, double lengthV) {
        this.origin = origin;
        this.ex = ex;
        this.ey = ey;
        this.lengthU = lengthU;
        this.lengthV = lengthV;
    }

    /**
     * The plane through {@code centre} spanned by {@code d1} and {@code d2}, taken as they are (not
     * orthonormalised: random directions in many dimensions are all but orthogonal): the point (α, β) is
     * centre + α·d1 + β·d2, and the lengths are ‖d1‖ and ‖d2‖.
     */
    public static PlaneBasis around(float[] centre, float[] d1, float[] d2) {
        if (d1.length != centre.length || d2.length != centre.length) {
            throw new IllegalArgumentException("the centre and the directions differ in length");
        }
        double[] x = new double[centre.length];
        double[] y = new double[centre.length];
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < centre.length; i++) {
            x[i] = d1[i];
            y[i] = d2[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }
        if (xx == 0 || yy == 0) {
            throw new InvalidInputException("A random direction is zero: the network has no weights that move.",
                "Slice a network with weight layers, or move its biases and BatchNorm parameters too.");
        }
        return new PlaneBasis(centre.clone(), x, y, Math.sqrt(xx), Math.sqrt(yy));
    }

    /**
     * The line through {@code origin} along {@code direction}, as a degenerate plane: x is the distance along
     * the direction's unit vector (so the point {@code origin + direction} lies at x = ‖direction‖), y is 0.
     */
    public static PlaneBasis line(float[] origin, float[] direction) {
        if (direction.length != origin.length) {
            throw new IllegalArgumentException("the origin and the direction differ in length");
        }
        double dd = 0;
        for (float v : direction) {
            dd += (double) v * v;
        }
        if (dd == 0) {
            throw new InvalidInputException("The direction of the line is zero: its two ends are one network, or "
                + "the network has no weights that move.", "Give two different networks, or a network with weight "
                    + "layers.");
        }
        double length = Math.sqrt(dd);
        double[] x = new double[origin.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = direction[i] / length;
        }
        return new PlaneBasis(origin.clone(), x, new double[origin.length], length, 0);
    }

    /** ‖u‖ = ‖w2 − w1‖ (around one network: ‖d1‖; a line: its direction's length). */
    public double lengthU() {
        return lengthU;
    }

    /** ‖v⊥‖, the middle point's distance from the line w1–w2 (around one network: ‖d2‖). */
    public double lengthV() {
        return lengthV;
    }

    /** The (x, y) coordinates of a flat vector's projection into the plane. */
    public double[] coordinates(float[] w) {
        double x = 0;
        double y = 0;
        for (int i = 0; i < w.length; i++) {
            double d = (double) w[i] - origin[i];
            x += d * ex[i];
            y += d * ey[i];
        }
        return new double[] {x, y};
    }

    /** The flat vector at (x, y): w1 + x·û + y·v̂ (around one network: centre + x·d1 + y·d2). */
    public float[] point(double x, double y) {
        float[] w = new float[origin.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (origin[i] + x * ex[i] + y * ey[i]);
        }
        return w;
    }

    /** The origin w1 and the unit axes û, v̂ as float vectors: the point (x, y) is 1·w1 + x·û + y·v̂. */
    public List<float[]> axes() {
        float[] x = new float[ex.length];
        float[] y = new float[ey.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ex[i];
            y[i] = (float) ey[i];
        }
        return List.of(origin.clone(), x, y);
    }

    /** Writes the basis bit for bit, for work sent to other processes. */
    void writeTo(WorkPayload.Writer out) throws java.io.IOException {
        out.floats(origin);
        out.doubles(ex);
        out.doubles(ey);
        out.doubles(new double[] {lengthU, lengthV});
    }

    /** Reads a basis written by {@link #writeTo}. */
    static PlaneBasis readFrom(WorkPayload.Reader in) {
        float[] origin = in.floats();
        double[] ex = in.doubles();
        double[] ey = in.doubles();
        double[] lengths = in.doubles();
        return new PlaneBasis(origin, ex, ey, lengths[0], lengths[1]);
    }

    /** The dot product of the two basis vectors (0 up to rounding). */
    double dotBasis() {
        double d = 0;
        for (int i = 0; i < ex.length; i++) {
            d += ex[i] * ey[i];
        }
        return d;
    }

    /** The norms of the two basis vectors (1 up to rounding). */
    double[] basisNorms() {
        double a = 0;
        double b = 0;
        for (int i = 0; i < ex.length; i++) {
            a += ex[i] * ex[i];
            b += ey[i] * ey[i];
        }
        return new double[] {Math.sqrt(a), Math.sqrt(b)};
    }
}
