package org.modeconn.engine.network.kernels;

import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm over the channels of NCHW buffers or the features of rows, by libnd4j's batchnorm and
 * batchnorm_bp, in {@link BatchNormConvention}'s convention: training normalises with the batch mean and
 * biased variance and puts the running statistics' change in their gradient slots (the optimiser applies
 * it); inference normalises with the running statistics. The backward pass needs only the input and the
 * batch statistics, so a ReLU may overwrite the output in place.
 */
final class BatchNormKernel extends BatchStatistics {

    private final int[] dims;
    private final INDArray gamma;
    private final INDArray beta;
    private final INDArray dGamma;
    private final INDArray dBeta;

    BatchNormKernel(LayerNode node, ParameterViews views) {
        super(node, views);
        this.dims = node.input().image() ? new int[] {0, 2, 3} : new int[] {0};
        this.gamma = views.param("gamma", channels);
        this.beta = views.param("beta", channels);
        this.dGamma = views.grad("gamma", channels);
        this.dBeta = views.grad("beta", channels);
    }

    @Override
    public void forward(PassBuffers pass, boolean training) {
        INDArray x = pass.out(node.from());
        INDArray y = pass.out(node.index());
        if (!training) {
            normalise(x, runningMean, runningVar, y);
            return;
        }
        INDArray mean = batchMean(pass);
        INDArray var = batchVariance(pass);
        Nd4j.exec(new Mean(x, mean, dims));
        Nd4j.exec(new Variance(x, var, false, dims));
        normalise(x, mean, var, y);
        writeRunningChange(pass);
    }

    private void normalise(INDArray x, INDArray mean, INDArray var, INDArray y) {
        NativeOps.run("batchnorm", NativeOps.in(x, mean, var, gamma, beta), NativeOps.out(y),
            NativeOps.ints(1, 1, 1), BatchNormConvention.EPSILON);
    }

    @Override
    public void backward(PassBuffers pass) {
        INDArray x = pass.out(node.from());
        INDArray dz = pass.gradientAt(node.index());
        INDArray dx = pass.newGradient(node.from());
        INDArray gMean = pass.scratchArray(node.index(), "gMean", channels);
        INDArray gVar = pass.scratchArray(node.index(), "gVar", channels);
        NativeOps.run("batchnorm_bp", NativeOps.in(x, batchMean(pass), batchVariance(pass), gamma, beta, dz),
            NativeOps.out(dx, gMean, gVar, dGamma, dBeta), NativeOps.ints(1, 1, 1), BatchNormConvention.EPSILON);
        pass.addGradient(node.from(), dx);
    }
}
