package org.modeconn.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Recomputes a network's BatchNorm running statistics from data, as the reference's {@code update_bn}
 * does for a point on a curve: one unshuffled pass in training mode (every BatchNorm layer normalising
 * with its batch's statistics), and per layer the batch-size-weighted average of the per-batch means and
 * unbiased per-batch variances. Needed wherever weights are made rather than trained: points on curves,
 * points of a plane, FGE snapshots.
 */
public final class BatchNormRecomputer {

    /** Examples per batch of the pass, as in the reference. */
    public static final int BATCH = 128;

    private final ExecutableNetwork network;
    private final List<String> layers = new ArrayList<>();
    private final List<INDArray> meanViews = new ArrayList<>();
    private final List<INDArray> varViews = new ArrayList<>();

    /** Prepares the recomputation for {@code network} (a no-op for networks without BatchNorm). */
    public BatchNormRecomputer(ExecutableNetwork network) {
        this.network = network;
        INDArray params = network.parameters();
        for (ParameterBlock b : network.layout().blocks()) {
            if (b.kind() != ParameterKind.BN_MEAN && b.kind() != ParameterKind.BN_VAR) {
                continue;
            }
            INDArray view = params.get(NDArrayIndex.all(), NDArrayIndex.interval(b.offset(), b.offset() + b.length()));
            if (b.kind() == ParameterKind.BN_MEAN) {
                layers.add(b.layer());
                meanViews.add(view);
            } else {
                varViews.add(view);
            }
        }
    }

    /** Whether there is anything to recompute. */
    public boolean hasBatchNorm() {
        return !meanViews.isEmpty();
    }

    /** Overwrites the network's running statistics with those of {@code data} at its current weights. */
    public void recompute(BatchSource data) {
        if (!hasBatchNorm()) {
            return;
        }
        int n = layers.size();
        double[][] meanSum = new double[n][];
        double[][] varSum = new double[n][];
        long seen = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int count = Math.min(BATCH, data.size() - from);
            Map<String, float[][]> stats = network.batchNormStatistics(data.slice(from, count).features());
            for (int l = 0; l < n; l++) {
                float[][] s = stats.get(layers.get(l));
                if (meanSum[l] == null) {
                    meanSum[l] = new double[s[0].length];
                    varSum[l] = new double[s[0].length];
                }
                for (int c = 0; c < s[0].length; c++) {
                    meanSum[l][c] += (double) s[0][c] * count;
                    varSum[l][c] += (double) s[1][c] * count;
                }
            }
            seen += count;
        }
        for (int l = 0; l < n; l++) {
            meanViews.get(l).assign(average(meanSum[l], seen).reshape(meanViews.get(l).shape()));
            varViews.get(l).assign(average(varSum[l], seen).reshape(varViews.get(l).shape()));
        }
    }

    private static INDArray average(double[] sum, long count) {
        float[] v = new float[sum.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (sum[i] / count);
        }
        return Nd4j.createFromArray(v);
    }
}
