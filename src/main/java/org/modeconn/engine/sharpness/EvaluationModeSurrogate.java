package org.modeconn.engine.sharpness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.modeconn.engine.network.LayerGraphSpec;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayout;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.layers.BatchNormConvention;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;

/**
 * A network with BatchNorm, as evaluation mode computes it, in layers whose training-mode gradients the engine gives:
 * each BatchNorm, which in evaluation mode is the per-channel affine map y = γ(x − μ)/σ + β with its running mean μ
 * and σ = √(var + ε) held fixed, becomes a 1×1 convolution (a dense layer on rows) with the diagonal weights γ/σ and
 * the bias β − μγ/σ. The map from the network's parameters to the surrogate's is linear in γ and β, so the gradient
 * of the evaluation-mode loss with respect to γ and β follows exactly from the surrogate's by the chain rule; the
 * running statistics are constants of the loss (as in PyHessian, where they are buffers), with zero gradient.
 */
final class EvaluationModeSurrogate {

    /** One BatchNorm of the network and the affine layer standing for it in the surrogate. */
    private record Affine(int channels, ParameterBlock gamma, ParameterBlock beta, ParameterBlock mean,
            ParameterBlock var, ParameterBlock weights, ParameterBlock bias) {
    }

    private final NetworkSpec surrogate;
    private final int surrogateSize;
    /** Pairs (network block, surrogate block) of the same values: every block of a layer that is not a BatchNorm. */
    private final List<ParameterBlock[]> copies = new ArrayList<>();
    private final List<Affine> affines = new ArrayList<>();

    private EvaluationModeSurrogate(NetworkSpec network) {
        List<LayerNode> nodes = network.layers().nodes();
        List<LayerGraphSpec.Layer> layers = new ArrayList<>();
        // the classifier (the last node) is added again by the surrogate's spec, as by every spec
        for (LayerNode n : nodes.subList(0, nodes.size() - 1)) {
            LayerOp op = n.op();
            if (op instanceof LayerOp.BatchNorm) {
                int c = n.output().channels();
                op = n.input().image() ? new LayerOp.Conv(c, 1, 1, 1, 1, 0, 0, true) : new LayerOp.Dense(c, true);
            }
            layers.add(new LayerGraphSpec.Layer(op, n.inputs()));
        }
        this.surrogate = network.withArchitecture(new LayerGraphSpec(network.architecture().describe()
            + " (evaluation mode)", layers, network.architecture().needsImages()));
        List<LayerNode> surrogateNodes = surrogate.layers().nodes();
        ParameterLayout from = ParameterLayouts.layoutOf(network);
        ParameterLayout to = ParameterLayouts.layoutOf(surrogate);
        this.surrogateSize = (int) to.size();
        Map<String, List<ParameterBlock>> toByLayer = new HashMap<>();
        for (ParameterBlock b : to.blocks()) {
            toByLayer.computeIfAbsent(b.layer(), k -> new ArrayList<>()).add(b);
        }
        Map<String, Integer> indexOf = new HashMap<>();
        for (LayerNode n : nodes) {
            if (n.name() != null) {
                indexOf.put(n.name(), n.index());
            }
        }
        Map<String, List<ParameterBlock>> fromByLayer = new java.util.LinkedHashMap<>();
        for (ParameterBlock b : from.blocks()) {
            fromByLayer.computeIfAbsent(b.layer(), k -> new ArrayList<>()).add(b);
        }
        for (Map.Entry<String, List<ParameterBlock>> e : fromByLayer.entrySet()) {
            int index = indexOf.get(e.getKey());
            List<ParameterBlock> mine = e.getValue();
            List<ParameterBlock> theirs = toByLayer.get(surrogateNodes.get(index).name());
            if (nodes.get(index).op() instanceof LayerOp.BatchNorm) {
                affines.add(new Affine(nodes.get(index).output().channels(), block(mine, ParameterKind.BN_GAMMA),
                    block(mine, ParameterKind.BN_BETA), block(mine, ParameterKind.BN_MEAN),
                    block(mine, ParameterKind.BN_VAR), block(theirs, ParameterKind.WEIGHT),
                    block(theirs, ParameterKind.BIAS)));
            } else {
                if (theirs == null || theirs.size() != mine.size()) {
                    throw new IllegalStateException("the surrogate's layer " + index + " has other parameters");
                }
                for (int k = 0; k < mine.size(); k++) {
                    if (mine.get(k).length() != theirs.get(k).length()) {
                        throw new IllegalStateException(mine.get(k) + " is not " + theirs.get(k));
                    }
                    copies.add(new ParameterBlock[] {mine.get(k), theirs.get(k)});
                }
            }
        }
    }

    /** The surrogate of networks of {@code spec} (which has BatchNorm). */
    static EvaluationModeSurrogate of(NetworkSpec spec) {
        return new EvaluationModeSurrogate(spec);
    }

    private static ParameterBlock block(List<ParameterBlock> blocks, ParameterKind kind) {
        return blocks.stream().filter(b -> b.kind() == kind).findFirst()
            .orElseThrow(() -> new IllegalStateException("no " + kind + " in " + blocks));
    }

    /** The surrogate's spec. */
    NetworkSpec spec() {
        return surrogate;
    }

    /**
     * The surrogate's parameters for the network's {@code at}, with the running statistics taken from {@code fixed}
     * (the network's own, unmoved: they are constants of the loss).
     */
    float[] parameters(float[] at, float[] fixed) {
        float[] out = new float[surrogateSize];
        parametersInto(at, fixed, out);
        return out;
    }

    /**
     * As {@link #parameters}, into {@code out}, whose entries it does not write (the affine layers' weights off their
     * diagonal) must be zero, as in an array that only this method has written.
     */
    void parametersInto(float[] at, float[] fixed, float[] out) {
        for (ParameterBlock[] pair : copies) {
            System.arraycopy(at, (int) pair[0].offset(), out, (int) pair[1].offset(), (int) pair[0].length());
        }
        for (Affine a : affines) {
            for (int c = 0; c < a.channels(); c++) {
                double sigma = sigma(fixed, a, c);
                double mean = fixed[(int) a.mean().offset() + c];
                double gamma = at[(int) a.gamma().offset() + c];
                double beta = at[(int) a.beta().offset() + c];
                out[(int) a.weights().offset() + c * (a.channels() + 1)] = (float) (gamma / sigma);
                out[(int) a.bias().offset() + c] = (float) (beta - mean * gamma / sigma);
            }
        }
    }

    /**
     * The gradient with respect to the network's parameters from the surrogate's {@code gradient}, into {@code into}
     * (the running statistics' entries zero); {@code fixed} as for {@link #parameters}.
     */
    void gradient(double[] gradient, float[] fixed, double[] into) {
        java.util.Arrays.fill(into, 0);
        for (ParameterBlock[] pair : copies) {
            int from = (int) pair[1].offset();
            int to = (int) pair[0].offset();
            for (int i = 0; i < pair[0].length(); i++) {
                into[to + i] = gradient[from + i];
            }
        }
        for (Affine a : affines) {
            for (int c = 0; c < a.channels(); c++) {
                double sigma = sigma(fixed, a, c);
                double mean = fixed[(int) a.mean().offset() + c];
                double dScale = gradient[(int) a.weights().offset() + c * (a.channels() + 1)];
                double dShift = gradient[(int) a.bias().offset() + c];
                // scale = γ/σ and shift = β − μγ/σ
                into[(int) a.gamma().offset() + c] = dScale / sigma - dShift * mean / sigma;
                into[(int) a.beta().offset() + c] = dShift;
            }
        }
    }

    /** The number of the surrogate's parameters. */
    int size() {
        return surrogateSize;
    }

    private static double sigma(float[] fixed, Affine a, int c) {
        return Math.sqrt(fixed[(int) a.var().offset() + c] + BatchNormConvention.EPSILON);
    }
}
