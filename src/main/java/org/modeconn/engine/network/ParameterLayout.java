package org.modeconn.engine.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;
import org.modeconn.engine.network.layers.TensorShape;

/**
 * The map of a network's flat parameter vector: which blocks are trainable parameters (weights, biases,
 * BatchNorm γ and β) and which are BatchNorm running statistics. Curves interpolate the first and
 * recompute the second, so every operation on weights goes through this split.
 */
public final class ParameterLayout {

    private final List<ParameterBlock> blocks;
    private final long size;
    private final long trainableSize;

    private ParameterLayout(List<ParameterBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        long s = 0;
        long t = 0;
        for (ParameterBlock b : blocks) {
            if (b.offset() != s) {
                throw new IllegalStateException("parameter blocks are not contiguous at " + b);
            }
            s += b.length();
            if (b.kind().trainable()) {
                t += b.length();
            }
        }
        this.size = s;
        this.trainableSize = t;
    }

    /**
     * The layout made of {@code blocks}, which must cover the vector contiguously in flat order.
     *
     * @throws IllegalStateException if they leave a gap or overlap
     */
    public static ParameterLayout of(List<ParameterBlock> blocks) {
        return new ParameterLayout(blocks);
    }

    /**
     * The layout of the network that Deeplearning4j graph builder builds from {@code layers}, derived without
     * building it: the layers in the order Deeplearning4j lays out its flat vector (its topological order,
     * first-in first-out from the input, readers in the order they were added), within a dense layer W then
     * b, within a convolution b then W, within BatchNorm γ, β, mean, variance.
     */
    public static ParameterLayout of(NetworkLayers layers) {
        List<ParameterBlock> blocks = new ArrayList<>();
        long offset = 0;
        for (LayerNode node : dl4jOrder(layers)) {
            for (ParameterBlock b : blocksOf(node, offset)) {
                blocks.add(b);
                offset += b.length();
            }
        }
        return new ParameterLayout(blocks);
    }

    /**
     * Deeplearning4j's topological order of the graph's vertices (ComputationGraph.calculateIndices): vertex
     * 0 is the input, the layers follow in the order they were added; Kahn's algorithm takes vertices first in
     * first out, each vertex's readers in the iteration order of a {@code HashSet<Integer>} of their indices,
     * which is reproduced here by using one.
     */
    private static List<LayerNode> dl4jOrder(NetworkLayers layers) {
        List<LayerNode> vertices = new ArrayList<>();
        int[] vertexOf = new int[layers.nodes().size()];
        for (LayerNode n : layers.nodes()) {
            if (n.name() != null) {
                vertices.add(n);
            }
            vertexOf[n.index()] = vertices.size();
        }
        java.util.Map<Integer, java.util.Set<Integer>> readers = new java.util.HashMap<>();
        java.util.Map<Integer, java.util.Set<Integer>> waiting = new java.util.HashMap<>();
        for (LayerNode n : vertices) {
            int v = vertexOf[n.index()];
            java.util.Set<Integer> from = new java.util.HashSet<>();
            for (int input : n.inputs()) {
                int u = input < 0 ? 0 : vertexOf[input];
                from.add(u);
                readers.computeIfAbsent(u, k -> new java.util.HashSet<>()).add(v);
            }
            waiting.put(v, from);
        }
        List<LayerNode> order = new ArrayList<>();
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int done = queue.poll();
            if (done > 0) {
                order.add(vertices.get(done - 1));
            }
            for (int reader : readers.getOrDefault(done, java.util.Set.of())) {
                java.util.Set<Integer> w = waiting.get(reader);
                w.remove(done);
                if (w.isEmpty()) {
                    queue.add(reader);
                }
            }
        }
        if (order.size() != vertices.size()) {
            throw new IllegalStateException("the layer list is not connected");
        }
        return order;
    }

    private static List<ParameterBlock> blocksOf(LayerNode node, long offset) {
        String name = node.name();
        TensorShape in = node.input();
        List<ParameterBlock> out = new ArrayList<>();
        if (node.op() instanceof LayerOp.Conv c) {
            long fanIn = (long) in.channels() * c.kernelH() * c.kernelW();
            if (c.bias()) {
                out.add(new ParameterBlock(name, "b", ParameterKind.BIAS, offset, c.channels(), fanIn));
            }
            out.add(new ParameterBlock(name, "W", ParameterKind.WEIGHT, offset + (c.bias() ? c.channels() : 0),
                fanIn * c.channels(), fanIn));
        } else if (node.op() instanceof LayerOp.Dense || node.op() instanceof LayerOp.SoftmaxOutput) {
            long fanIn = in.size();
            long units = node.output().channels();
            boolean bias = !(node.op() instanceof LayerOp.Dense d) || d.bias();
            out.add(new ParameterBlock(name, "W", ParameterKind.WEIGHT, offset, fanIn * units, fanIn));
            if (bias) {
                out.add(new ParameterBlock(name, "b", ParameterKind.BIAS, offset + fanIn * units, units, fanIn));
            }
        } else if (node.op() instanceof LayerOp.BatchNorm) {
            long n = in.channels();
            String[] names = {"gamma", "beta", "mean", "var"};
            ParameterKind[] kinds = {ParameterKind.BN_GAMMA, ParameterKind.BN_BETA, ParameterKind.BN_MEAN,
                ParameterKind.BN_VAR};
            for (int i = 0; i < 4; i++) {
                out.add(new ParameterBlock(name, names[i], kinds[i], offset + i * n, n, 0));
            }
        }
        return out;
    }

    /** The blocks in flat order. */
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    /** The length of the flat vector (trainable parameters and statistics). */
    public long size() {
        return size;
    }

    /** The number of trainable parameters. */
    public long trainableSize() {
        return trainableSize;
    }

    /** The number of BatchNorm running statistics (0 without BatchNorm). */
    public long statisticsSize() {
        return size - trainableSize;
    }

    /** Whether the network has BatchNorm statistics. */
    public boolean hasStatistics() {
        return trainableSize < size;
    }

    /** The trainable entries of a flat vector, concatenated in flat order. */
    public float[] trainable(float[] flat) {
        return gather(flat, true, trainableSize);
    }

    /** The statistic entries of a flat vector, concatenated in flat order. */
    public float[] statistics(float[] flat) {
        return gather(flat, false, size - trainableSize);
    }

    private float[] gather(float[] flat, boolean trainable, long n) {
        checkLength(flat);
        float[] out = new float[(int) n];
        int k = 0;
        for (ParameterBlock b : blocks) {
            if (b.kind().trainable() == trainable) {
                System.arraycopy(flat, (int) b.offset(), out, k, (int) b.length());
                k += (int) b.length();
            }
        }
        return out;
    }

    /** Puts trainable parameters and statistics back together into one flat vector. */
    public float[] merge(float[] trainable, float[] statistics) {
        if (trainable.length != trainableSize || statistics.length != size - trainableSize) {
            throw new IllegalArgumentException("expected " + trainableSize + " trainable values and "
                + (size - trainableSize) + " statistics, got " + trainable.length + " and " + statistics.length);
        }
        float[] flat = new float[(int) size];
        int t = 0;
        int s = 0;
        for (ParameterBlock b : blocks) {
            int len = (int) b.length();
            if (b.kind().trainable()) {
                System.arraycopy(trainable, t, flat, (int) b.offset(), len);
                t += len;
            } else {
                System.arraycopy(statistics, s, flat, (int) b.offset(), len);
                s += len;
            }
        }
        return flat;
    }

    /** A copy of a flat vector with its statistic entries set to zero (as points of curves and planes hold them). */
    public float[] withoutStatistics(float[] flat) {
        checkLength(flat);
        float[] copy = flat.clone();
        for (ParameterBlock b : blocks) {
            if (!b.kind().trainable()) {
                java.util.Arrays.fill(copy, (int) b.offset(), (int) (b.offset() + b.length()), 0f);
            }
        }
        return copy;
    }

    /** A flat vector with 1 at trainable entries and 0 at statistics. */
    public float[] trainableMask() {
        float[] mask = new float[(int) size];
        for (ParameterBlock b : blocks) {
            if (b.kind().trainable()) {
                java.util.Arrays.fill(mask, (int) b.offset(), (int) (b.offset() + b.length()), 1f);
            }
        }
        return mask;
    }

    /**
     * Fresh parameters initialised as PyTorch does by default, so that results compare with the paper's
     * code: weights and biases ~ U(±1/√fan_in), γ = 1, β = 0, running mean 0 and variance 1.
     */
    public float[] initialise(long seed) {
        float[] flat = new float[(int) size];
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterBlock b : blocks) {
            int from = (int) b.offset();
            int to = (int) (b.offset() + b.length());
            switch (b.kind()) {
                case WEIGHT, BIAS -> {
                    double bound = 1.0 / Math.sqrt(b.fanIn());
                    for (int i = from; i < to; i++) {
                        flat[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                    }
                }
                case BN_GAMMA, BN_VAR -> java.util.Arrays.fill(flat, from, to, 1f);
                default -> java.util.Arrays.fill(flat, from, to, 0f);
            }
        }
        return flat;
    }

    private void checkLength(float[] flat) {
        if (flat.length != size) {
            throw new IllegalArgumentException("expected " + size + " parameters, got " + flat.length);
        }
    }
}
