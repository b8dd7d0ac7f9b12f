package org.modeconn.engine.curve;

import org.modeconn.engine.backend.NativeArrays;
import org.modeconn.engine.train.SgdSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The bends of a curve as one [n, P] matrix on the compute device, with the two operations curve
 * fitting repeats per batch: place φθ(t) = Σ b_i(t)·θ_i into a parameter vector, and, given the loss
 * gradient g at that point, move every free bend by SGD with momentum on b_i(t)·(g + λ·φθ(t)). Both are
 * BLAS level-1 calls on whole rows (OpenBLAS's matrix products with one or three rows inner dimension cost
 * many times more), with no per-layer loops and no host copies. It owns the bends, their momentum and the mask
 * (native memory, (2n + 1)·P floats at most), which {@link #close} frees.
 */
public final class BendOptimizer implements AutoCloseable {

    private final Curve curve;
    private final INDArray theta;
    private final INDArray freeBends;
    private final INDArray freeFlat;
    private final INDArray velocity;
    private final INDArray velocityFlat;
    private final INDArray[] thetaRows;
    private final INDArray[] freeRows;
    private final INDArray[] velocityRows;
    private final INDArray trainableMask;
    private double[] b;
    private final int firstFree;
    private final int free;
    private final SgdSettings sgd;

    /**
     * @param curve the family
     * @param bends the initial bends, n flat vectors of length P
     * @param fixStart whether θ_0 stays put
     * @param fixEnd whether θ_{n−1} stays put
     * @param trainableMask 1 at trainable entries and 0 at BatchNorm statistics, or null without statistics
     * @param sgd momentum, Nesterov and the weight decay λ of the curve point
     */
    public BendOptimizer(Curve curve, float[][] bends, boolean fixStart, boolean fixEnd, float[] trainableMask,
            SgdSettings sgd) {
        this.curve = curve;
        this.sgd = sgd;
        int n = curve.bends();
        long p = bends[0].length;
        this.theta = Nd4j.create(DataType.FLOAT, n, p);
        for (int i = 0; i < n; i++) {
            INDArray row = Nd4j.createFromArray(bends[i]);
            theta.getRow(i).assign(row);
            // freed now, not when the collector gets to it: P floats each, for networks of any size
            row.close();
        }
        this.firstFree = fixStart ? 1 : 0;
        int lastFree = fixEnd ? n - 2 : n - 1;
        this.free = lastFree - firstFree + 1;
        this.freeBends = theta.get(NDArrayIndex.interval(firstFree, lastFree + 1), NDArrayIndex.all());
        this.freeFlat = freeBends.reshape(1, (long) free * p);
        this.velocity = Nd4j.zeros(DataType.FLOAT, free, p);
        this.velocityFlat = velocity.reshape(1, (long) free * p);
        this.thetaRows = new INDArray[n];
        for (int i = 0; i < n; i++) {
            thetaRows[i] = theta.getRow(i, true);
        }
        this.freeRows = new INDArray[free];
        this.velocityRows = new INDArray[free];
        for (int j = 0; j < free; j++) {
            freeRows[j] = thetaRows[firstFree + j];
            velocityRows[j] = velocity.getRow(j, true);
        }
        this.trainableMask = trainableMask == null ? null : Nd4j.createFromArray(trainableMask).reshape(1, p);
    }

    /** Writes φθ(t) into {@code params} ([1, P]) and remembers b(t) for the next {@link #step}. */
    public void placePoint(double t, INDArray params) {
        b = curve.coefficients(t);
        var blas = Nd4j.getBlasWrapper();
        params.assign(thetaRows[0]);
        blas.scal(b[0], params);
        for (int i = 1; i < b.length; i++) {
            blas.axpy(b[i], thetaRows[i], params);
        }
    }

    /**
     * One SGD step of the free bends from the loss gradient at the point last placed.
     *
     * @param params φθ(t) as placed (read for the weight decay)
     * @param grads the mean-loss gradient at φθ(t) ([1, P]); overwritten
     * @param lr the learning rate
     */
    public void step(INDArray params, INDArray grads, double lr) {
        var blas = Nd4j.getBlasWrapper();
        if (sgd.weightDecay() != 0) {
            blas.axpy(sgd.weightDecay(), params, grads);
        }
        if (trainableMask != null) {
            grads.muli(trainableMask);
        }
        double mu = sgd.momentum();
        if (mu == 0) {
            for (int j = 0; j < free; j++) {
                blas.axpy(-lr * b[firstFree + j], grads, freeRows[j]);
            }
            return;
        }
        blas.scal(mu, velocityFlat);
        for (int j = 0; j < free; j++) {
            blas.axpy(b[firstFree + j], grads, velocityRows[j]);
        }
        if (sgd.nesterov()) {
            blas.axpy(-lr * mu, velocityFlat, freeFlat);
            for (int j = 0; j < free; j++) {
                blas.axpy(-lr * b[firstFree + j], grads, freeRows[j]);
            }
        } else {
            blas.axpy(-lr, velocityFlat, freeFlat);
        }
    }

    /** The arrays this optimiser owns (for the tests). */
    java.util.List<INDArray> ownedArrays() {
        return trainableMask == null ? java.util.List.of(theta, velocity)
            : java.util.List.of(theta, velocity, trainableMask);
    }

    /** Frees the bends, their momentum and the mask; the optimiser is unusable afterwards. */
    @Override
    public void close() {
        for (INDArray a : ownedArrays()) {
            NativeArrays.free(a);
        }
    }

    /** A copy of the bends, one flat vector each. */
    public float[][] bends() {
        float[][] out = new float[(int) theta.size(0)][];
        for (int i = 0; i < out.length; i++) {
            INDArray row = theta.getRow(i).dup();
            out[i] = row.data().asFloat();
            row.close();
        }
        return out;
    }
}
