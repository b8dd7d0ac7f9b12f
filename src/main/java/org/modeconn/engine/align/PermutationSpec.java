package org.modeconn.engine.align;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.layers.NetworkLayers;

/**
 * Which hidden units of a network can be permuted without changing what it computes, derived from its layer
 * list: every dense or convolution layer's output units form a group, BatchNorm, ReLU, pooling and dropout
 * carry their input's group through, and a residual sum joins the groups of its two inputs into one, so that
 * one permutation is shared along each skip path. The network's input and its classes are never permuted. Each
 * parameter block is seen as a [rows, columns, inner] array (a convolution's [Cout, Cin, k·k], a dense layer's
 * [units, input channels, positions per channel]) whose rows and columns belong to groups.
 */
public final class PermutationSpec {

    /** Marks an axis that no permutation touches (the input's features, the classes, an inner axis of one). */
    public static final int FIXED = -1;

    /**
     * One permutation group: units that must be reordered together.
     *
     * @param id its index
     * @param size the number of units
     * @param layers the names of the layers whose outputs it reorders, in network order
     */
    public record Group(int id, int size, List<String> layers) {
        /** Copies the names. */
        public Group {
            layers = List.copyOf(layers);
        }

        /** A short name for tables: "P3", with the layers it spans. */
        public String label() {
            return "P" + (id + 1) + (layers.size() == 1 ? "" : " (" + layers.size() + " layers)");
        }
    }

    /**
     * A parameter block as a [rows, columns, inner] array and the groups of its first two axes.
     *
     * @param block the block in the flat vector
     * @param rows its first axis (output units or channels; the length of a vector)
     * @param columns its second axis (input channels or features; 1 for a vector)
     * @param inner positions per column (k·k for a convolution, H·W for a dense layer on an image, else 1)
     * @param rowGroup the group of the rows, or {@link #FIXED}
     * @param columnGroup the group of the columns, or {@link #FIXED}
     */
    public record BlockAxes(ParameterBlock block, int rows, int columns, int inner, int rowGroup, int columnGroup) {
        /** Checks the shape against the block. */
        public BlockAxes {
            if ((long) rows * columns * inner != block.length()) {
                throw new IllegalStateException(block + " is not " + rows + "×" + columns + "×" + inner);
            }
        }
    }

    private final List<Group> groups;
    private final List<BlockAxes> blocks;
    private final ParameterLayout layout;

    private PermutationSpec(List<Group> groups, List<BlockAxes> blocks, ParameterLayout layout) {
        this.groups = List.copyOf(groups);
        this.blocks = List.copyOf(blocks);
        this.layout = layout;
    }

    /** The permutation groups of networks built from {@code spec}. */
    public static PermutationSpec of(NetworkSpec spec) {
        NetworkLayers layers = spec.layers();
        ParameterLayout layout = ParameterLayouts.layoutOf(spec);
        List<LayerNode> nodes = layers.nodes();
        // Union-find over the nodes that start a group (dense and conv layers), with one more element, the
        // sentinel, for what is never permuted: the input and the classes, and whatever a sum joins to them.
        int sentinel = nodes.size();
        int[] parent = new int[nodes.size() + 1];
        int[] groupOf = new int[nodes.size()];
        parent[sentinel] = sentinel;
        for (LayerNode n : nodes) {
            int i = n.index();
            parent[i] = i;
            if (n.op() instanceof LayerOp.Dense || n.op() instanceof LayerOp.Conv) {
                groupOf[i] = i;
            } else if (n.op() instanceof LayerOp.SoftmaxOutput) {
                groupOf[i] = sentinel;
            } else if (n.op() instanceof LayerOp.Add) {
                groupOf[i] = join(parent, source(groupOf, n.inputs().get(0), sentinel),
                    source(groupOf, n.inputs().get(1), sentinel));
            } else {
                groupOf[i] = source(groupOf, n.from(), sentinel);
            }
        }
        int fixedRoot = find(parent, sentinel);
        Map<Integer, Integer> idOfRoot = new LinkedHashMap<>();
        Map<Integer, List<String>> layersOfRoot = new HashMap<>();
        Map<Integer, Integer> sizeOfRoot = new HashMap<>();
        int[] resolved = new int[nodes.size()];
        for (LayerNode n : nodes) {
            int root = find(parent, groupOf[n.index()]);
            root = root == fixedRoot ? FIXED : root;
            resolved[n.index()] = root;
            if (root != FIXED && (n.op() instanceof LayerOp.Dense || n.op() instanceof LayerOp.Conv)) {
                idOfRoot.putIfAbsent(root, idOfRoot.size());
                layersOfRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(n.name());
                sizeOfRoot.put(root, n.output().channels());
            }
        }
        List<Group> groups = new ArrayList<>();
        idOfRoot.forEach((root, id) -> groups.add(new Group(id, sizeOfRoot.get(root), layersOfRoot.get(root))));
        Map<String, LayerNode> byName = new HashMap<>();
        for (LayerNode n : nodes) {
            if (n.name() != null) {
                byName.put(n.name(), n);
            }
        }
        List<BlockAxes> axes = new ArrayList<>();
        for (ParameterBlock b : layout.blocks()) {
            LayerNode n = byName.get(b.layer());
            int rows = n.output().channels();
            int rowGroup = idOf(idOfRoot, resolved[n.index()]);
            boolean weights = b.name().equals("W");
            int from = n.from();
            int columns = weights ? n.input().channels() : 1;
            int inner = weights ? (int) (b.length() / ((long) rows * columns)) : 1;
            int columnGroup = weights && from >= 0 ? idOf(idOfRoot, resolved[from]) : FIXED;
            axes.add(new BlockAxes(b, rows, columns, inner, rowGroup, columnGroup));
        }
        return new PermutationSpec(groups, axes, layout);
    }

    private static int source(int[] groupOf, int input, int sentinel) {
        return input < 0 ? sentinel : groupOf[input];
    }

    private static int idOf(Map<Integer, Integer> idOfRoot, int root) {
        return root == FIXED ? FIXED : idOfRoot.get(root);
    }

    private static int find(int[] parent, int node) {
        int root = node;
        while (parent[root] != root) {
            root = parent[root];
        }
        return root;
    }

    /** Joins two groups under the larger root, so that the sentinel (the last element) stays a root. */
    private static int join(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        int root = Math.max(ra, rb);
        parent[Math.min(ra, rb)] = root;
        return root;
    }

    /** The groups, in network order of their first layer. */
    public List<Group> groups() {
        return groups;
    }

    /** Every parameter block with its axes, in flat order. */
    public List<BlockAxes> blocks() {
        return blocks;
    }

    /** The layout the blocks belong to. */
    public ParameterLayout layout() {
        return layout;
    }

    /** The identity permutation of every group. */
    public int[][] identity() {
        int[][] perms = new int[groups.size()][];
        for (Group g : groups) {
            perms[g.id()] = new int[g.size()];
            for (int i = 0; i < g.size(); i++) {
                perms[g.id()][i] = i;
            }
        }
        return perms;
    }

    /**
     * A flat vector with every group's units reordered: unit i of the result is unit {@code perms[g][i]} of
     * {@code flat}, in every block that group touches (weights, biases, BatchNorm parameters and statistics).
     */
    public float[] apply(float[] flat, int[][] perms) {
        if (flat.length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " parameters, got " + flat.length);
        }
        float[] out = new float[flat.length];
        for (BlockAxes b : blocks) {
            int[] rows = b.rowGroup() == FIXED ? null : perms[b.rowGroup()];
            int[] columns = b.columnGroup() == FIXED ? null : perms[b.columnGroup()];
            int offset = (int) b.block().offset();
            int inner = b.inner();
            for (int r = 0; r < b.rows(); r++) {
                int sourceRow = rows == null ? r : rows[r];
                for (int c = 0; c < b.columns(); c++) {
                    int sourceColumn = columns == null ? c : columns[c];
                    System.arraycopy(flat, offset + (sourceRow * b.columns() + sourceColumn) * inner, out,
                        offset + (r * b.columns() + c) * inner, inner);
                }
            }
        }
        return out;
    }
}
