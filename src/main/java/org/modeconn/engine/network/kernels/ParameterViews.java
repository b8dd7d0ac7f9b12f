package org.modeconn.engine.network.kernels;

import java.util.HashMap;
import java.util.Map;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Views of one layer's blocks of the flat parameter and gradient vectors, in the shapes the kernels use:
 * writing a gradient view writes the flat gradient vector, reading a parameter view sees the optimiser's
 * last update.
 */
final class ParameterViews {

    private final Map<String, ParameterBlock> blocks = new HashMap<>();
    private final INDArray params;
    private final INDArray grads;

    ParameterViews(ParameterLayout layout, String layer, INDArray params, INDArray grads) {
        this.params = params;
        this.grads = grads;
        for (ParameterBlock b : layout.blocks()) {
            if (b.layer().equals(layer)) {
                blocks.put(b.name(), b);
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalStateException("no parameters for layer " + layer);
        }
    }

    /** Whether the layer has the block (a bias, say). */
    boolean has(String name) {
        return blocks.containsKey(name);
    }

    /** The parameter block {@code name} as a 'c'-order view of {@code shape}. */
    INDArray param(String name, long... shape) {
        return view(params, name, 'c', shape);
    }

    /** The gradient slot of block {@code name} as a 'c'-order view of {@code shape}. */
    INDArray grad(String name, long... shape) {
        return view(grads, name, 'c', shape);
    }

    /**
     * Blocks {@code first} to {@code last} of the parameters as one 'c'-order view of {@code shape}, where they
     * are adjacent in the flat vector (BatchNorm's γ and β).
     */
    INDArray span(String first, String last, long... shape) {
        return view(params, adjacent(first, last), 'c', shape);
    }

    /** The gradient slots of blocks {@code first} to {@code last} as one view, like {@link #span}. */
    INDArray gradSpan(String first, String last, long... shape) {
        return view(grads, adjacent(first, last), 'c', shape);
    }

    /** The region of two adjacent blocks. */
    private ParameterBlock adjacent(String first, String last) {
        ParameterBlock a = blocks.get(first);
        ParameterBlock b = blocks.get(last);
        if (a == null || b == null || b.offset() != a.offset() + a.length()) {
            throw new IllegalStateException("blocks " + first + " and " + last + " are not adjacent");
        }
        return new ParameterBlock(a.layer(), first + ".." + last, a.kind(), a.offset(), a.length() + b.length(), 0);
    }

    /** A dense layer's W [nIn, nOut] in Deeplearning4j's 'f' order (row-major it reads as Wᵀ [nOut, nIn]). */
    INDArray denseWeights(INDArray flat, long nIn, long nOut) {
        return view(flat, "W", 'f', nIn, nOut);
    }

    INDArray params() {
        return params;
    }

    INDArray grads() {
        return grads;
    }

    private INDArray view(INDArray flat, String name, char order, long... shape) {
        ParameterBlock b = blocks.get(name);
        if (b == null) {
            throw new IllegalStateException("no block " + name);
        }
        return view(flat, b, order, shape);
    }

    private static INDArray view(INDArray flat, ParameterBlock b, char order, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != b.length()) {
            throw new IllegalStateException("block " + b.layer() + "_" + b.name() + " has " + b.length() + " values, not "
                + n);
        }
        long[] stride = new long[shape.length];
        long step = 1;
        if (order == 'c') {
            for (int i = shape.length - 1; i >= 0; i--) {
                stride[i] = step;
                step *= shape[i];
            }
        } else {
            for (int i = 0; i < shape.length; i++) {
                stride[i] = step;
                step *= shape[i];
            }
        }
        // built on the buffer itself: reshaping an offset view may copy it
        return Nd4j.create(flat.data(), shape, stride, flat.offset() + b.offset(), order);
    }
}
