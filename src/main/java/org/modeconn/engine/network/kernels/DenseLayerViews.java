package org.modeconn.engine.network.kernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterLayout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One layer's parameters as views of a network's flat parameter and gradient vectors, for the engine's
 * own passes ({@link DenseMlpPasses}): writing a gradient view writes the flat gradient.
 *
 * @param name the layer's name in the graph
 * @param nIn inputs of a dense layer, or Cin·k·k of a conv layer
 * @param nOut units or output channels
 * @param w dense weights [nIn, nOut] in Deeplearning4j's 'f' order; conv weights as the flat row [1, n]
 * @param b the bias [1, nOut]
 * @param dw the gradient slot of {@code w}, same shape
 * @param db the gradient slot of {@code b}
 */
record DenseLayerViews(String name, int nIn, int nOut, INDArray w, INDArray b, INDArray dw, INDArray db) {

    /** The parameter blocks of every layer, by layer name, in the flat vector's order. */
    static Map<String, Map<String, ParameterBlock>> blocksByLayer(ParameterLayout layout) {
        Map<String, Map<String, ParameterBlock>> byLayer = new LinkedHashMap<>();
        for (ParameterBlock b : layout.blocks()) {
            byLayer.computeIfAbsent(b.layer(), k -> new LinkedHashMap<>()).put(b.name(), b);
        }
        return byLayer;
    }

    /** A dense layer's views: W as an 'f' [nIn, nOut] matrix. */
    static DenseLayerViews dense(String layer, Map<String, ParameterBlock> blocks, INDArray params, INDArray grads) {
        ParameterBlock w = blocks.get("W");
        ParameterBlock b = blocks.get("b");
        long nIn = w.fanIn();
        long nOut = b.length();
        return new DenseLayerViews(layer, (int) nIn, (int) nOut, matrix(params, w, nIn, nOut), row(params, b),
            matrix(grads, w, nIn, nOut), row(grads, b));
    }

    /** A conv layer's views: W as its flat row, in Deeplearning4j's [Cout, Cin, k, k] order. */
    static DenseLayerViews conv(String layer, Map<String, ParameterBlock> blocks, INDArray params, INDArray grads) {
        ParameterBlock w = blocks.get("W");
        ParameterBlock b = blocks.get("b");
        return new DenseLayerViews(layer, (int) w.fanIn(), (int) b.length(), row(params, w), row(params, b),
            row(grads, w), row(grads, b));
    }

    /** The views of several blocks of one kind (BatchNorm's γ, β, mean, variance). */
    static List<INDArray> rows(INDArray flat, Map<String, ParameterBlock> blocks, String... names) {
        List<INDArray> out = new ArrayList<>();
        for (String n : names) {
            out.add(row(flat, blocks.get(n)));
        }
        return out;
    }

    static INDArray row(INDArray flat, ParameterBlock b) {
        return flat.get(NDArrayIndex.all(), NDArrayIndex.interval(b.offset(), b.offset() + b.length()));
    }

    private static INDArray matrix(INDArray flat, ParameterBlock b, long rows, long cols) {
        // Built on the buffer directly: reshaping an offset row view to 'f' order may copy it.
        INDArray m = Nd4j.create(flat.data(), new long[] {rows, cols}, new long[] {1, rows},
            flat.offset() + b.offset(), 'f');
        if (m.length() != b.length()) {
            throw new IllegalStateException("the weights of " + b.layer() + " are not " + rows + " x " + cols);
        }
        return m;
    }
}
