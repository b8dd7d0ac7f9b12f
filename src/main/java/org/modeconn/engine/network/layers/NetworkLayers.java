package org.modeconn.engine.network.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.modeconn.engine.InvalidInputException;

/**
 * A network as an ordered list of operations with their shapes: the one description of an architecture,
 * from which both the Deeplearning4j graph and the engine's own kernels are derived. Each family of
 * {@code ArchitectureSpec} writes its list once through a {@link Builder}, which checks every shape as
 * it goes (a pool that shrinks the image below 1×1 is refused there).
 */
public final class NetworkLayers {

    private final TensorShape input;
    private final List<LayerNode> nodes;

    private NetworkLayers(TensorShape input, List<LayerNode> nodes) {
        this.input = input;
        this.nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
    }

    /** Starts a list on inputs of {@code input}; {@code architecture} names the network in messages. */
    public static Builder builder(TensorShape input, String architecture) {
        return new Builder(input, architecture);
    }

    /** The shape of one input example. */
    public TensorShape input() {
        return input;
    }

    /** The operations in order; every node reads only earlier nodes. */
    public List<LayerNode> nodes() {
        return nodes;
    }

    /** The last node: the softmax output. */
    public LayerNode output() {
        return nodes.get(nodes.size() - 1);
    }

    /** The nodes that read {@code index}'s output (−1: the network's input). */
    public List<LayerNode> consumersOf(int index) {
        List<LayerNode> out = new ArrayList<>();
        for (LayerNode n : nodes) {
            if (n.inputs().contains(index)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Writes a layer list. Operations apply to the current node (the last one added) unless a node index is
     * given; each returns the index of the node it added.
     */
    public static final class Builder {
        private final TensorShape inputShape;
        private final String architecture;
        private final List<Pending> pending = new ArrayList<>();
        private int current = -1;

        private record Pending(LayerOp op, List<Integer> inputs, TensorShape in, TensorShape out) {
        }

        private Builder(TensorShape input, String architecture) {
            this.inputShape = input;
            this.architecture = architecture;
        }

        /** The index of the last node added (−1 before the first: the input). */
        public int current() {
            return current;
        }

        /** The shape of node {@code index}'s output. */
        public TensorShape shapeOf(int index) {
            return index < 0 ? inputShape : pending.get(index).out();
        }

        private int add(LayerOp op, List<Integer> inputs, TensorShape out) {
            pending.add(new Pending(op, inputs, shapeOf(inputs.get(0)), out));
            current = pending.size() - 1;
            return current;
        }

        /** A dense layer of {@code units} with a bias. */
        public int dense(int units) {
            return add(new LayerOp.Dense(units, true), List.of(current), TensorShape.flat(units));
        }

        /** A k×k convolution of the current node. */
        public int conv(int channels, int kernel, int stride, int padding, boolean bias) {
            return conv(current, channels, kernel, stride, padding, bias);
        }

        /** A k×k convolution of node {@code from}. */
        public int conv(int from, int channels, int kernel, int stride, int padding, boolean bias) {
            return conv(from, new LayerOp.Conv(channels, kernel, stride, padding, bias));
        }

        /** The convolution {@code c} of node {@code from}. */
        private int conv(int from, LayerOp.Conv c) {
            TensorShape in = requireImage(from, "a convolution");
            int h = (in.height() + 2 * c.padH() - c.kernelH()) / c.strideH() + 1;
            int w = (in.width() + 2 * c.padW() - c.kernelW()) / c.strideW() + 1;
            requireFit(in.height(), c.kernelH(), c.padH(), in.height() + 2 * c.padH() >= c.kernelH(), "convolution",
                "rows");
            requireFit(in.width(), c.kernelW(), c.padW(), in.width() + 2 * c.padW() >= c.kernelW(), "convolution",
                "columns");
            return add(c, List.of(from), TensorShape.image(c.channels(), h, w));
        }

        /** BatchNorm of the current node. */
        public int batchNorm() {
            return batchNorm(current);
        }

        /** BatchNorm of node {@code from}. */
        public int batchNorm(int from) {
            return add(new LayerOp.BatchNorm(), List.of(from), shapeOf(from));
        }

        /** ReLU of the current node. */
        public int relu() {
            return relu(current);
        }

        private int relu(int from) {
            return add(new LayerOp.Relu(), List.of(from), shapeOf(from));
        }

        /** Max-pooling of the current node. */
        public int maxPool(int kernel, int stride) {
            return maxPool(current, new LayerOp.MaxPool(kernel, stride));
        }

        private int maxPool(int from, LayerOp.MaxPool p) {
            return pool(from, p, "max-pool", p.window());
        }

        /** Average pooling of the current node. */
        public int avgPool(int kernel, int stride) {
            return avgPool(current, new LayerOp.AvgPool(kernel, stride));
        }

        private int avgPool(int from, LayerOp.AvgPool p) {
            return pool(from, p, "average pool", p.window());
        }

        /**
         * A pool {@code op} of node {@code from}: the same channels over the windows it takes, each of which must
         * cover some of the image.
         */
        private int pool(int from, LayerOp op, String what, PoolWindow w) {
            TensorShape in = requireImage(from, what);
            int h = w.outHeight(in.height());
            int wd = w.outWidth(in.width());
            requireFit(in.height(), w.kernelH(), w.padH(), h > 0 && w.rowsCovered(h - 1, in.height()) > 0, what,
                "rows");
            requireFit(in.width(), w.kernelW(), w.padW(), wd > 0 && w.columnsCovered(wd - 1, in.width()) > 0, what,
                "columns");
            return add(op, List.of(from), TensorShape.image(in.channels(), h, wd));
        }

        /** Global average pooling of the current node. */
        public int globalAvgPool() {
            return globalAvgPool(current);
        }

        private int globalAvgPool(int from) {
            TensorShape in = requireImage(from, "global average pooling");
            return add(new LayerOp.GlobalAvgPool(), List.of(from), TensorShape.flat(in.channels()));
        }

        /** Dropout of the current node with probability {@code p} (nothing is added for p = 0). */
        public int dropout(double p) {
            return dropout(current, p);
        }

        private int dropout(int from, double p) {
            if (!(p >= 0 && p < 1)) {
                throw new InvalidInputException("A dropout probability of " + p + " in '" + architecture
                    + "' is not allowed.", "Give a probability from 0 (no dropout) up to but not including 1, "
                        + "for example wrn:28x10,0.3.");
            }
            return p == 0 ? from : add(new LayerOp.Dropout(p), List.of(from), shapeOf(from));
        }

        /**
         * Appends {@code op} reading {@code inputs} (earlier nodes, −1 the input; two for a sum), with the
         * checks of the operation's own method: for layer lists stored as data rather than written by a family.
         */
        public int append(LayerOp op, List<Integer> inputs) {
            for (int i : inputs) {
                if (i < -1 || i >= pending.size()) {
                    throw new IllegalArgumentException("node " + pending.size() + " of " + architecture
                        + " reads node " + i + ", which does not come before it");
                }
            }
            int arity = op instanceof LayerOp.Add ? 2 : 1;
            if (inputs.size() != arity) {
                throw new IllegalArgumentException(op.kind() + " reads " + arity + " input(s), not " + inputs);
            }
            int from = inputs.get(0);
            return op.accept(new LayerOp.Visitor<Integer>() {
                @Override
                public Integer dense(LayerOp.Dense d) {
                    return Builder.this.add(d, List.of(from), TensorShape.flat(d.units()));
                }

                @Override
                public Integer conv(LayerOp.Conv c) {
                    return Builder.this.conv(from, c);
                }

                @Override
                public Integer batchNorm(LayerOp.BatchNorm b) {
                    return Builder.this.batchNorm(from);
                }

                @Override
                public Integer relu(LayerOp.Relu r) {
                    return Builder.this.relu(from);
                }

                @Override
                public Integer maxPool(LayerOp.MaxPool m) {
                    return Builder.this.maxPool(from, m);
                }

                @Override
                public Integer avgPool(LayerOp.AvgPool a) {
                    return Builder.this.avgPool(from, a);
                }

                @Override
                public Integer globalAvgPool(LayerOp.GlobalAvgPool g) {
                    return Builder.this.globalAvgPool(from);
                }

                @Override
                public Integer dropout(LayerOp.Dropout d) {
                    return Builder.this.dropout(from, d.probability());
                }

                @Override
                public Integer add(LayerOp.Add a) {
                    return Builder.this.add(from, inputs.get(1));
                }

                @Override
                public Integer zeroPad(LayerOp.ZeroPad z) {
                    TensorShape in = requireImage(from, "zero padding");
                    return Builder.this.add(z, List.of(from), TensorShape.image(in.channels(),
                        in.height() + z.top() + z.bottom(), in.width() + z.left() + z.right()));
                }

                @Override
                public Integer softmaxOutput(LayerOp.SoftmaxOutput o) {
                    throw new IllegalArgumentException("the classifier closes a list (softmaxOutput), it is not "
                        + "appended");
                }
            });
        }

        /** The sum of nodes {@code a} and {@code b}, which must have the same shape. */
        public int add(int a, int b) {
            if (!shapeOf(a).equals(shapeOf(b))) {
                throw new IllegalStateException("a residual sum of " + shapeOf(a) + " and " + shapeOf(b) + " in "
                    + architecture);
            }
            return add(new LayerOp.Add(), List.of(a, b), shapeOf(a));
        }

        /** Closes the list with the softmax classifier over {@code classes}. */
        public NetworkLayers softmaxOutput(int classes) {
            add(new LayerOp.SoftmaxOutput(classes), List.of(current), TensorShape.flat(classes));
            return new NetworkLayers(inputShape, named());
        }

        private TensorShape requireImage(int from, String what) {
            TensorShape in = shapeOf(from);
            if (!in.image()) {
                throw new IllegalStateException(what + " of a flat row in " + architecture);
            }
            return in;
        }

        /** Refuses a layer whose windows of {@code kernel} do not fit an image of {@code size} in one direction. */
        private void requireFit(int size, int kernel, int padding, boolean fits, String what, String unit) {
            if (!fits) {
                throw new InvalidInputException("The architecture '" + architecture + "' does not fit the input "
                    + inputShape + ": a " + what + " whose windows span " + kernel + " " + unit + " meets an image of "
                    + "only " + size + " " + unit + (padding > 0 ? " (padded by " + padding + ")" : "")
                    + ", and every layer must leave at least 1×1.", "Use fewer pooling blocks or larger images: "
                        + "each 2×2 max-pool halves the image, so 32×32 images take at most 5 "
                        + "(vgg16, for example vgg:64,M,128,M/512 for 8×8 images).");
            }
        }

        /**
         * Names the nodes as the Deeplearning4j graph names its layers: kind and a counter over the graph's
         * layers, a ReLU right after a dense layer folded into it (and so unnamed).
         */
        private List<LayerNode> named() {
            List<LayerNode> out = new ArrayList<>();
            int counter = 0;
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                String name;
                if (foldedRelu(i)) {
                    name = null;
                } else if (p.op() instanceof LayerOp.SoftmaxOutput) {
                    name = OUTPUT;
                } else {
                    name = p.op().kind() + counter++;
                }
                out.add(new LayerNode(i, p.op(), p.inputs(), p.in(), p.out(), name));
            }
            return out;
        }

        /** A ReLU whose input is the dense layer just before it, and that layer's only reader. */
        private boolean foldedRelu(int i) {
            Pending p = pending.get(i);
            if (!(p.op() instanceof LayerOp.Relu) || p.inputs().get(0) != i - 1 || i == 0
                || !(pending.get(i - 1).op() instanceof LayerOp.Dense)) {
                return false;
            }
            int readers = 0;
            for (Pending q : pending) {
                if (q.inputs().contains(i - 1)) {
                    readers++;
                }
            }
            return readers == 1;
        }
    }

    /** The name of the softmax output layer. */
    public static final String OUTPUT = "output";
}
