package org.modeconn.engine.network.kernels;

import java.util.Arrays;
import java.util.List;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The BatchNorm after a hidden dense layer of {@link DenseMlpPasses}, over features on Java arrays: batch or
 * running statistics forward, their running-average change into the gradient slots (Deeplearning4j's
 * convention, with PyTorch's unbiased variance), and the backward pass through γ·x̂ + β.
 */
final class DenseBatchNorm {

    /** The BatchNorm after a hidden dense layer: γ, β, running mean and variance, and their gradient slots. */
    private record Norm(INDArray gamma, INDArray beta, INDArray mean, INDArray var, INDArray dGamma,
            INDArray dBeta, INDArray dMean, INDArray dVar) {
    }

    /** Per-unit work arrays of one BatchNorm layer, allocated once rather than every step. */
    private static final class NormScratch {
        final double[] sum;
        final double[] sumProduct;
        final float[] mean;
        final float[] var;
        final float[] gamma;
        final float[] beta;
        final float[] runningMean;
        final float[] runningVar;
        final float[] meanDy;
        final float[] meanDyXHat;
        final float[] scale;
        final float[] dGamma;
        final float[] dBeta;

        NormScratch(int units) {
            sum = new double[units];
            sumProduct = new double[units];
            mean = new float[units];
            var = new float[units];
            gamma = new float[units];
            beta = new float[units];
            runningMean = new float[units];
            runningVar = new float[units];
            meanDy = new float[units];
            meanDyXHat = new float[units];
            scale = new float[units];
            dGamma = new float[units];
            dBeta = new float[units];
        }
    }

    private final Norm views;
    private final NormScratch scratch;
    private final int units;

    /**
     * @param values γ, β, running mean and running variance, views of the parameter vector
     * @param gradients their slots in the gradient vector
     */
    DenseBatchNorm(List<INDArray> values, List<INDArray> gradients) {
        this.views = new Norm(values.get(0), values.get(1), values.get(2), values.get(3), gradients.get(0),
            gradients.get(1), gradients.get(2), gradients.get(3));
        this.units = (int) values.get(0).length();
        this.scratch = new NormScratch(units);
    }

    /** In place: z → γ·x̂ + β, with x̂ and 1/σ kept for the backward pass. */
    void normalise(float[] z, int batch, float[] xHat, float[] invStd, boolean training, boolean updateStatistics) {
        Norm n = views;
        NormScratch w = scratch;
        float[] mean = w.mean;
        float[] var = w.var;
        if (training) {
            double[] sum = w.sum;
            Arrays.fill(sum, 0);
            for (int r = 0; r < batch; r++) {
                int base = r * units;
                for (int j = 0; j < units; j++) {
                    sum[j] += z[base + j];
                }
            }
            for (int j = 0; j < units; j++) {
                mean[j] = (float) (sum[j] / batch);
                sum[j] = 0;
            }
            for (int r = 0; r < batch; r++) {
                int base = r * units;
                for (int j = 0; j < units; j++) {
                    double c = z[base + j] - mean[j];
                    sum[j] += c * c;
                }
            }
            for (int j = 0; j < units; j++) {
                var[j] = (float) (sum[j] / batch);
            }
        } else {
            OpenBlasMatrices.load(n.mean(), mean);
            OpenBlasMatrices.load(n.var(), var);
        }
        float[] gamma = w.gamma;
        float[] beta = w.beta;
        OpenBlasMatrices.load(n.gamma(), gamma);
        OpenBlasMatrices.load(n.beta(), beta);
        for (int j = 0; j < units; j++) {
            invStd[j] = (float) (1 / Math.sqrt(var[j] + BatchNormConvention.EPSILON));
        }
        for (int r = 0; r < batch; r++) {
            int base = r * units;
            for (int j = 0; j < units; j++) {
                float x = (z[base + j] - mean[j]) * invStd[j];
                xHat[base + j] = x;
                z[base + j] = gamma[j] * x + beta[j];
            }
        }
        if (updateStatistics) {
            // Deeplearning4j's convention for these slots, applied by the optimiser:
            // running ← running − (1 − d)(running − batch), with the unbiased batch variance, as PyTorch keeps it.
            float keep = (float) BatchNormConvention.MOMENTUM;
            float unbias = batch > 1 ? (float) batch / (batch - 1) : 1f;
            float[] runningMean = w.runningMean;
            float[] runningVar = w.runningVar;
            OpenBlasMatrices.load(n.mean(), runningMean);
            OpenBlasMatrices.load(n.var(), runningVar);
            for (int j = 0; j < units; j++) {
                runningMean[j] = keep * (runningMean[j] - mean[j]);
                runningVar[j] = keep * (runningVar[j] - var[j] * unbias);
            }
            OpenBlasMatrices.store(runningMean, n.dMean());
            OpenBlasMatrices.store(runningVar, n.dVar());
        }
    }

    /** In place, dL/dy → dL/dz through y = γ·x̂ + β: dz = γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂)). */
    void backward(float[] g, int batch, float[] xHat, float[] invStd) {
        Norm n = views;
        NormScratch w = scratch;
        double[] dBeta = w.sum;
        double[] dGamma = w.sumProduct;
        Arrays.fill(dBeta, 0);
        Arrays.fill(dGamma, 0);
        for (int r = 0; r < batch; r++) {
            int base = r * units;
            for (int j = 0; j < units; j++) {
                dBeta[j] += g[base + j];
                dGamma[j] += g[base + j] * xHat[base + j];
            }
        }
        float[] gamma = w.gamma;
        OpenBlasMatrices.load(n.gamma(), gamma);
        float[] meanDy = w.meanDy;
        float[] meanDyXHat = w.meanDyXHat;
        float[] scale = w.scale;
        float[] dGammaOut = w.dGamma;
        float[] dBetaOut = w.dBeta;
        for (int j = 0; j < units; j++) {
            meanDy[j] = (float) (dBeta[j] / batch);
            meanDyXHat[j] = (float) (dGamma[j] / batch);
            scale[j] = gamma[j] * invStd[j];
            dGammaOut[j] = (float) dGamma[j];
            dBetaOut[j] = (float) dBeta[j];
        }
        for (int r = 0; r < batch; r++) {
            int base = r * units;
            for (int j = 0; j < units; j++) {
                g[base + j] = scale[j] * (g[base + j] - meanDy[j] - xHat[base + j] * meanDyXHat[j]);
            }
        }
        OpenBlasMatrices.store(dGammaOut, n.dGamma());
        OpenBlasMatrices.store(dBetaOut, n.dBeta());
    }
}
