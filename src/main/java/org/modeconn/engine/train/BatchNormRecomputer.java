package org.modeconn.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.modeconn.engine.network.Dl4jNetwork;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    private final Dl4jNetwork network;
    private final List<String> inputLayers = new ArrayList<>();
    private final List<INDArray> meanViews = new ArrayList<>();
    private final List<INDArray> varViews = new ArrayList<>();

    /** Prepares the recomputation for {@code network} (a no-op for networks without BatchNorm). */
    public BatchNormRecomputer(Dl4jNetwork network) {
        this.network = network;
        INDArray params = network.parameters();
        for (ParameterBlock b : network.layout().blocks()) {
            if (b.kind() != ParameterKind.BN_MEAN && b.kind() != ParameterKind.BN_VAR) {
                continue;
            }
            INDArray view = params.get(NDArrayIndex.all(), NDArrayIndex.interval(b.offset(), b.offset() + b.length()));
            if (b.kind() == ParameterKind.BN_MEAN) {
                inputLayers.add(network.graph().getConfiguration().getVertexInputs().get(b.layer()).get(0));
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
        int layers = meanViews.size();
        INDArray[] meanSum = new INDArray[layers];
        INDArray[] varSum = new INDArray[layers];
        long seen = 0;
        for (int from = 0; from < data.size(); from += BATCH) {
            int count = Math.min(BATCH, data.size() - from);
            INDArray[] inputs = network.trainingActivations(inputLayers, data.slice(from, count).features());
            for (int l = 0; l < layers; l++) {
                INDArray x = inputs[l];
                long[] dims = x.rank() == 4 ? new long[] {0, 2, 3} : new long[] {0};
                long perChannel = x.length() / x.size(1);
                INDArray mean = x.mean(toInts(dims)).reshape(1, x.size(1));
                INDArray var = x.var(true, toInts(dims)).reshape(1, x.size(1));
                if (perChannel < 2) {
                    var.assign(0);
                }
                mean.muli(count);
                var.muli(count);
                if (meanSum[l] == null) {
                    meanSum[l] = mean;
                    varSum[l] = var;
                } else {
                    meanSum[l].addi(mean);
                    varSum[l].addi(var);
                    Dl4jNetwork.release(mean);
                    Dl4jNetwork.release(var);
                }
            }
            for (INDArray x : inputs) {
                Dl4jNetwork.release(x);
            }
            seen += count;
        }
        for (int l = 0; l < layers; l++) {
            meanViews.get(l).assign(meanSum[l].divi(seen).reshape(meanViews.get(l).shape()));
            varViews.get(l).assign(varSum[l].divi(seen).reshape(varViews.get(l).shape()));
        }
    }

    private static int[] toInts(long[] dims) {
        int[] d = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (int) dims[i];
        }
        return d;
    }
}
