package org.modeconn.engine.align;

import java.util.ArrayList;
import java.util.List;

import org.modeconn.engine.InvalidInputException;
import org.modeconn.engine.OperationCancelledException;
import org.modeconn.engine.curve.PathPoint;
import org.modeconn.engine.curve.PathProfile;
import org.modeconn.engine.data.Dataset;
import org.modeconn.engine.network.Network;
import org.modeconn.engine.network.NetworkInputs;
import org.modeconn.engine.network.NetworkSpec;
import org.modeconn.engine.network.ParameterBlock;
import org.modeconn.engine.network.ParameterKind;
import org.modeconn.engine.network.ParameterLayouts;
import org.modeconn.engine.network.kernels.ChannelStatistics;
import org.modeconn.engine.network.layers.LayerNode;
import org.modeconn.engine.network.layers.LayerOp;
import org.modeconn.engine.network.runtime.ExecutableNetwork;
import org.modeconn.engine.record.Metrics;
import org.modeconn.engine.train.BatchSource;
import org.modeconn.engine.train.NetworkEvaluator;
import org.modeconn.engine.train.TrainingMonitor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * REPAIR (Jordan et al., ICLR 2023): the network at a point α of the line between a network A and a network B
 * aligned to it (or, generally, at a weighted average of several aligned networks), with every corrected layer's
 * per-channel output mean and standard deviation reset to the same weighted average of the networks' own, layer
 * after layer in network order, so that each layer is corrected on the
 * activations of the layers already corrected. The correction is folded into the layer's weights and bias, so the
 * result is an ordinary network of the same architecture.
 *
 * <p>Corrected are the dense and convolution layers whose output goes to a ReLU (every hidden layer of an MLP,
 * CNN or VGG), except those after a dropout layer: the statistics come from training-mode passes, in which dropout
 * is active. Networks with BatchNorm are refused: recomputing their BatchNorm statistics, which every evaluation of
 * a point does, is already what REPAIR does for them.
 */
public final class ActivationRepair {

    private static final double EPSILON = 1e-5;

    private final List<Network> networks;
    private final Dataset data;
    private final List<Layer> layers;
    /** Per network, per layer: {mean, variance} per channel. */
    private final List<double[][][]> moments;

    /** A corrected layer: its name and where its weights and bias lie in the flat vector. */
    private record Layer(String name, ParameterBlock weights, ParameterBlock bias, int channels) {
    }

    private ActivationRepair(List<Network> networks, Dataset data, List<Layer> layers, List<double[][][]> moments) {
        this.networks = List.copyOf(networks);
        this.data = data;
        this.layers = layers;
        this.moments = moments;
    }

    /**
     * Measures the two ends' per-channel statistics on {@code data} (the training data: REPAIR's statistics are
     * those of the data the networks were trained on).
     *
     * @throws InvalidInputException if the networks differ in architecture, have BatchNorm, or have no layer to
     *     correct
     */
    public static ActivationRepair of(Network a, Network b, Dataset data) {
        return of(List.of(a, b), data);
    }

    /**
     * As {@link #of(Network, Network, Dataset)} for any number of networks, each aligned to the first.
     *
     * @throws InvalidInputException as there, or if fewer than two networks are given
     */
    public static ActivationRepair of(List<Network> networks, Dataset data) {
        if (networks.size() < 2) {
            throw new InvalidInputException("REPAIR needs at least two networks; " + networks.size() + " given.",
                "Give the networks whose average is repaired.");
        }
        Network a = networks.get(0);
        NetworkSpec spec = a.spec();
        for (Network b : networks) {
            if (!spec.equals(b.spec())) {
                throw new InvalidInputException("REPAIR needs networks of one architecture; they are "
                    + spec.architecture().describe() + " and " + b.spec().architecture().describe() + ".",
                    "Align and repair networks trained with the same architecture.");
            }
        }
        if (spec.architecture().hasBatchNorm()) {
            throw new InvalidInputException("REPAIR is for networks without BatchNorm; "
                + spec.architecture().describe() + " has BatchNorm layers, whose statistics every point of a line "
                + "gets recomputed already (which is what REPAIR does for the other layers).",
                "Measure the aligned line without REPAIR: BatchNorm recomputation repairs it.");
        }
        List<Layer> layers = correctedLayers(spec);
        if (layers.isEmpty()) {
            throw new InvalidInputException("REPAIR found no layer to correct in " + spec.architecture().describe()
                + ": no dense or convolution layer feeds a ReLU outside a dropout's reach.",
                "Use REPAIR on MLPs, CNNs and VGGs without BatchNorm.");
        }
        Dataset aligned = NetworkInputs.align(spec, data, "training data");
        List<String> names = layers.stream().map(Layer::name).toList();
        List<double[][][]> moments = new ArrayList<>();
        try (BatchSource source = BatchSource.of(aligned, a.scaling())) {
            for (Network n : networks) {
                try (ExecutableNetwork net = ExecutableNetwork.of(n)) {
                    moments.add(moments(net, source, names));
                }
            }
        }
        return new ActivationRepair(networks, aligned, layers, moments);
    }

    /** The names of the layers REPAIR corrects in networks of {@code spec}, in network order. */
    public static List<String> correctedLayerNames(NetworkSpec spec) {
        return correctedLayers(spec).stream().map(Layer::name).toList();
    }

    private static List<Layer> correctedLayers(NetworkSpec spec) {
        List<LayerNode> nodes = spec.layers().nodes();
        boolean[] afterDropout = new boolean[nodes.size()];
        List<Layer> out = new ArrayList<>();
        var blocks = ParameterLayouts.layoutOf(spec).blocks();
        for (LayerNode n : nodes) {
            boolean reached = n.op() instanceof LayerOp.Dropout;
            for (int input : n.inputs()) {
                reached |= input >= 0 && afterDropout[input];
            }
            afterDropout[n.index()] = reached;
            boolean weighted = n.op() instanceof LayerOp.Dense || n.op() instanceof LayerOp.Conv;
            if (!weighted || reached || n.name() == null) {
                continue;
            }
            boolean feedsRelu = nodes.stream().anyMatch(m -> m.op() instanceof LayerOp.Relu
                && m.inputs().contains(n.index()));
            if (!feedsRelu) {
                continue;
            }
            ParameterBlock w = null;
            ParameterBlock bias = null;
            for (ParameterBlock block : blocks) {
                if (block.layer().equals(n.name())) {
                    if (block.kind() == ParameterKind.WEIGHT) {
                        w = block;
                    } else if (block.kind() == ParameterKind.BIAS) {
                        bias = block;
                    }
                }
            }
            // A layer without a bias could be rescaled but not recentred; every layer here without BatchNorm has one.
            if (w != null && bias != null) {
                out.add(new Layer(n.name(), w, bias, n.output().channels()));
            }
        }
        return out;
    }

    /** The layers corrected, in network order. */
    public List<String> layerNames() {
        return layers.stream().map(Layer::name).toList();
    }

    /**
     * The parameters of the point {@code alpha} of the line, (1 − α)·A + α·B, repaired: {@link #layerNames()}
     * passes over the data.
     */
    public float[] pointAt(double alpha) {
        return averageOf(new double[] {1 - alpha, alpha});
    }

    /**
     * The parameters of the average of the networks with {@code weights} (summing to 1), repaired: each corrected
     * layer's channels get the same weighted average of the networks' means and deviations.
     */
    public float[] averageOf(double[] weights) {
        if (weights.length != networks.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + networks.size() + " networks");
        }
        Network a = networks.get(0);
        try (ExecutableNetwork net = ExecutableNetwork.create(a.spec());
                BatchSource source = BatchSource.of(data, a.scaling())) {
            return averageOf(weights, net, source);
        }
    }

    /** {@link #averageOf(double[])} on a network and the training data already on the device. */
    private float[] averageOf(double[] weights, ExecutableNetwork net, BatchSource source) {
        float[][] of = new float[weights.length][];
        for (int k = 0; k < weights.length; k++) {
            of[k] = networks.get(k).parametersView();
        }
        float[] point = new float[of[0].length];
        for (int i = 0; i < point.length; i++) {
            double v = 0;
            for (int k = 0; k < weights.length; k++) {
                v += weights[k] * of[k][i];
            }
            point[i] = (float) v;
        }
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            net.setParameters(point);
            double[][] observed = moments(net, source, List.of(layer.name()))[0];
            int inner = (int) (layer.weights().length() / layer.channels());
            for (int c = 0; c < layer.channels(); c++) {
                double goalMean = 0;
                double goalStd = 0;
                for (int k = 0; k < weights.length; k++) {
                    goalMean += weights[k] * moments.get(k)[l][0][c];
                    goalStd += weights[k] * Math.sqrt(moments.get(k)[l][1][c]);
                }
                double scale = goalStd / Math.sqrt(observed[1][c] + EPSILON);
                int w0 = (int) layer.weights().offset() + c * inner;
                for (int i = w0; i < w0 + inner; i++) {
                    point[i] = (float) (point[i] * scale);
                }
                int bi = (int) layer.bias().offset() + c;
                point[bi] = (float) ((point[bi] - observed[0][c]) * scale + goalMean);
            }
        }
        return point;
    }

    /** The network at {@code alpha}, repaired. */
    public Network networkAt(double alpha) {
        return new Network(networks.get(0).spec(), networks.get(0).scaling(), pointAt(alpha), null, null);
    }

    /**
     * The line from A to B at {@code points} evenly spaced points, each repaired and measured on the training data
     * (and test data, if given), as a profile named "line (REPAIR)".
     */
    public PathProfile line(Dataset test, int points, TrainingMonitor monitor) {
        if (networks.size() != 2) {
            throw new IllegalStateException("a line needs two networks, not " + networks.size());
        }
        Network a = networks.get(0);
        List<PathPoint> out = new ArrayList<>();
        double[] lengths = new double[points];
        Dataset testAligned = test == null ? null : NetworkInputs.align(a.spec(), test, "test data");
        float[] previous = null;
        // one network and the data on the device for every point: each point repairs and measures on the same
        try (ExecutableNetwork net = ExecutableNetwork.create(a.spec());
                BatchSource train = BatchSource.of(data, a.scaling());
                BatchSource testSource = testAligned == null ? null : BatchSource.of(testAligned, a.scaling())) {
            for (int i = 0; i < points; i++) {
                if (monitor.isCancelled()) {
                    throw new OperationCancelledException("REPAIR cancelled at point " + (i + 1) + " of " + points
                        + ".");
                }
                double t = (double) i / (points - 1);
                float[] p = averageOf(new double[] {1 - t, t}, net, train);
                net.setParameters(p);
                Metrics tr = NetworkEvaluator.evaluate(net, train);
                Metrics te = testSource == null ? null : NetworkEvaluator.evaluate(net, testSource);
                out.add(new PathPoint(t, tr.loss(), tr.errorPercent(), te == null ? null : te.loss(),
                    te == null ? null : te.errorPercent()));
                if (previous != null) {
                    lengths[i] = lengths[i - 1] + distance(previous, p);
                }
                previous = p;
                monitor.onBatch((i + 1.0) / points, i + 1, points, out.get(i).trainLoss(), t);
            }
        }
        return new PathProfile("line (REPAIR)", out, lengths);
    }

    private static double distance(float[] x, float[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /**
     * Per named layer: {mean, variance} per channel of its output over all of {@code data} (every row, and every
     * position of an image), from training-mode passes.
     */
    private static double[][][] moments(ExecutableNetwork net, BatchSource data, List<String> names) {
        int n = names.size();
        double[][] sum = new double[n][];
        double[][] squares = new double[n][];
        long[] count = new long[n];
        for (int from = 0; from < data.size(); from += NetworkEvaluator.BATCH) {
            int rows = Math.min(NetworkEvaluator.BATCH, data.size() - from);
            INDArray[] acts = net.trainingActivations(names, data.slice(from, rows).features());
            for (int l = 0; l < n; l++) {
                INDArray x = acts[l];
                long perChannel = x.length() / x.size(1);
                float[][] s = ChannelStatistics.of(x);
                if (sum[l] == null) {
                    sum[l] = new double[s[0].length];
                    squares[l] = new double[s[0].length];
                }
                for (int c = 0; c < s[0].length; c++) {
                    double mean = s[0][c];
                    sum[l][c] += mean * perChannel;
                    squares[l][c] += (double) s[1][c] * (perChannel - 1) + mean * mean * perChannel;
                }
                count[l] += perChannel;
                ExecutableNetwork.release(x);
            }
        }
        double[][][] out = new double[n][2][];
        for (int l = 0; l < n; l++) {
            out[l][0] = new double[sum[l].length];
            out[l][1] = new double[sum[l].length];
            for (int c = 0; c < sum[l].length; c++) {
                double mean = sum[l][c] / count[l];
                out[l][0][c] = mean;
                out[l][1][c] = Math.max(0, squares[l][c] / count[l] - mean * mean);
            }
        }
        return out;
    }
}
