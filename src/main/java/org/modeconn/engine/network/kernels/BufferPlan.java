package org.modeconn.engine.network.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * Which buffer holds each node's output in {@link LayerPasses}, planned once per network: in-place
 * operations share their input's buffer, fused BatchNorm-ReLU outputs read only by convolutions and pools
 * are recomputed for the backward pass instead of kept, and each such output is given back after its last
 * reader in either direction.
 */
final class BufferPlan {

    private final int[] owner;
    /** For each fused BatchNorm-ReLU whose output is recomputed rather than kept: its readers; else null. */
    private final int[][] recomputed;
    private final int[][] releasedAfterForward;
    private final int[][] releasedAfterBackward;
    private final int[][] inferenceReleases;

    BufferPlan(NetworkLayers layers, NodeKernel[] kernels) {
        this.owner = inPlacePlan(layers, kernels);
        this.inferenceReleases = inferenceReleases(layers, owner);
        this.recomputed = recomputePlan(layers, kernels, owner);
        this.releasedAfterForward = releasePlan(recomputed, true);
        this.releasedAfterBackward = releasePlan(recomputed, false);
    }

    /** For each node, the node whose buffer holds its output. */
    int[] owner() {
        return owner;
    }

    /** Whether node {@code root}'s output is made for its readers and recomputed, not kept. */
    boolean isRecomputed(int root) {
        return recomputed[root] != null;
    }

    /**
     * For each node, the buffer owners whose last reader it is: an inference pass gives their buffers back
     * after it, so that it holds a few activations, not all (the classifier's output is read after the pass).
     */
    int[][] inferenceReleases() {
        return inferenceReleases;
    }

    private static int[][] inferenceReleases(NetworkLayers layers, int[] owner) {
        int n = layers.nodes().size();
        int[] lastUse = new int[n];
        for (LayerNode node : layers.nodes()) {
            int i = node.index();
            lastUse[owner[i]] = Math.max(lastUse[owner[i]], i);
            for (int j : node.inputs()) {
                if (j >= 0) {
                    lastUse[owner[j]] = Math.max(lastUse[owner[j]], i);
                }
            }
        }
        lastUse[owner[n - 1]] = Integer.MAX_VALUE;
        List<List<Integer>> byNode = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byNode.add(new ArrayList<>());
        }
        for (int r = 0; r < n; r++) {
            if (owner[r] == r && lastUse[r] < n) {
                byNode.get(lastUse[r]).add(r);
            }
        }
        return byNode.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The recomputed outputs whose last reader in the forward (or backward) order is node {@code i}. */
    int[] releasedAfter(int i, boolean forward) {
        return (forward ? releasedAfterForward : releasedAfterBackward)[i];
    }

    /**
     * For each node the node whose buffer holds its output: its own, or (for a ReLU, a residual sum or a
     * dropout) its input's, where that input has no other reader and no backward pass needs its value.
     */
    private static int[] inPlacePlan(NetworkLayers layers, NodeKernel[] kernels) {
        int[] own = new int[kernels.length];
        for (LayerNode node : layers.nodes()) {
            int i = node.index();
            own[i] = i;
            boolean inPlace = node.op() instanceof LayerOp.Relu || node.op() instanceof LayerOp.Add
                || node.op() instanceof LayerOp.Dropout;
            if (!inPlace || kernels[i].needsInput()) {
                continue;
            }
            for (int j : node.inputs()) {
                if (j >= 0 && layers.consumersOf(j).size() == 1 && !kernels[j].needsOutput()
                    && node.inputs().stream().filter(k -> k == j).count() == 1) {
                    own[i] = own[j];
                    break;
                }
            }
        }
        return own;
    }

    /**
     * The fused BatchNorm-ReLUs whose outputs a training step does not keep: those read only by
     * convolutions and pools (which need their input again only for the weight gradient, or not at all).
     * Their output is made for the readers' forward passes and recomputed from the BatchNorm's input and
     * batch statistics for the backward pass, which saves the largest activations of pre-activation
     * networks at the cost of one more normalisation each.
     */
    private static int[][] recomputePlan(NetworkLayers layers, NodeKernel[] kernels, int[] owner) {
        int[][] plan = new int[kernels.length][];
        for (LayerNode node : layers.nodes()) {
            int r = node.index();
            if (!(kernels[r] instanceof DnnlBatchNormKernel bn) || !bn.fusesRelu()) {
                continue;
            }
            int relu = layers.consumersOf(r).get(0).index();
            List<LayerNode> readers = layers.consumersOf(relu);
            boolean ok = owner[relu] == r && !readers.isEmpty();
            for (LayerNode reader : readers) {
                ok &= kernels[reader.index()] instanceof DnnlConvKernel || kernels[reader.index()] instanceof DnnlPoolKernel;
            }
            if (ok) {
                plan[r] = readers.stream().mapToInt(LayerNode::index).toArray();
            }
        }
        return plan;
    }

    /** For each node, the transient roots whose last reader it is, in the forward or the backward order. */
    private static int[][] releasePlan(int[][] recomputed, boolean forward) {
        List<List<Integer>> byNode = new ArrayList<>();
        for (int i = 0; i < recomputed.length; i++) {
            byNode.add(new ArrayList<>());
        }
        for (int r = 0; r < recomputed.length; r++) {
            int[] readers = recomputed[r];
            if (readers != null) {
                int last = forward ? Arrays.stream(readers).max().getAsInt()
                    : Arrays.stream(readers).min().getAsInt();
                byNode.get(last).add(r);
            }
        }
        return byNode.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }
}
